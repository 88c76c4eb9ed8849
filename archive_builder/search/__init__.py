"""Search: one normaliser and tokenizer for both indexes (``text``, mirrored by the site's
search.js), the command line's whoosh index (``index``: written from a reviewed Inventory, published
documents only) and its query side (``query``: all that ``archive-builder search`` loads).
"""
