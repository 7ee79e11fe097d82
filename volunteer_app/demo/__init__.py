"""Demo data for trying the app out: not a use case, so it lives beside ``services``, not among them.

* ``community``: ``fill_demo`` writes a believable community in one city;
* ``catalogue``: the names, places, tasks and skills it draws from;
* ``accounts_file``: the demo accounts kept in the app home so they can be found again;
* ``language``: which language the demo speaks when asked for the window's (``--lang auto``).

Only the CLI (``volunteer-app demo``) and the scripts import it; the window never does
(``.importlinter``, see docs/architecture.md).
"""
