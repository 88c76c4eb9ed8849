"""The national assessment, scored: will this county pass, and where is the proof of each point?

Takes the archive (its check result, the statistics, the schools' ledgers) and a scoring profile
(YAML beside the checklists: ``checklists/assessment/<name>.yml``, else the one shipped in
``archive_builder/checklists/assessment/``) and gives a :class:`Readiness`: the method's criteria,
each with its figure, threshold and verdict; the county government's items with every point
traced to the documents or figures that earned it; the school standard, school by school; and,
when ``site_config/timeline.yml`` exists, the stages with what is overdue and what is dated late.

Modules: ``profile`` (profile files, validated with file and line), ``standard`` (the school
standard and its school × indicator table), ``ledgers`` (ledger cells), ``figures`` (numbers from
the statistics), ``scoring`` (rules -> points), ``timeline`` (stages), ``readiness`` (the
assessment from a check result), ``workbook`` (the Excel output; the site's pages are ``site.assessment_pages``). Nothing here prints.
"""
