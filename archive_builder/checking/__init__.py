"""Stage 3, check: a reviewed Inventory, the checklists and the statistics in, a CheckResult out.

``checklist`` loads checklists/ (validated with file and line), ``waivers`` the waivers, ``registers``
the yearly school registers an item is judged against, ``targets`` the indicator targets of
checklists/targets.yml against the statistics, ``check`` fills every item × year × school slot with
evidence, and ``results`` holds the vocabulary and the result types every output reads (``labels``:
their words). ``status`` reads the same CheckResult per department.
"""
