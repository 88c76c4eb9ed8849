"""Statistics: content/data/ tables in, indicator figures out.

``schools`` reads the school register (学校名册), ``tables`` the statistics tables (through the one
table reader, inventory/readers); ``stats`` computes the national method's figures (difference
coefficients by ``coefficient``, class sizes, teacher exchange, consolidation, satisfaction), each
figure naming its source table; ``workbook`` writes them as the indicators' workbook.
"""
