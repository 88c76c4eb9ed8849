"""The command line: ``cli`` is the Click group (each command's module is imported when it runs),
one module per command, each calling the pipeline and presenting what comes back (``present``:
console, progress and problem lines; ``clihelp``: help in the user's language). Nothing below
this package prints or knows about Click.
"""
