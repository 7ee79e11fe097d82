"""Use cases and the permission checks that guard them.

The GUI, the CLI and the tests all come through here: the GUI may hide what a
person may not do, but it is this layer that refuses it.
"""
