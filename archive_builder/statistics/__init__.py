"""Statistics: content/data/ tables in, indicator figures out.

``schools`` reads the school register (学校名册); ``stats`` reads the statistics tables and computes
the national method's figures (difference coefficients, standardisation, teacher exchange,
consolidation, satisfaction) with pandas, each figure naming its source table.
"""
