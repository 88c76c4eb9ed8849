"""archive-builder: evidence archives for the 义务教育发展基本均衡县 inspection."""

__version__ = "0.1.0"
