"""Stage 4, publish: the Inventory, CheckResult, statistics and 档号 in, the static site out.

``render`` writes the Markdown tree (``bodies`` converts each document's body, ``templates`` escapes
every value, ``target_pages``, ``indicator_pages`` and ``assessment_pages`` add their sections);
``mkdocs_adapter`` is the one module that speaks to mkdocs; ``pagebodies`` puts each body into the
page the generator wrote; ``search`` writes the site's own index; ``manifest`` and ``provenance``
fingerprint, sign and verify the result; ``build`` holds the steps the pipeline runs in order.
"""
