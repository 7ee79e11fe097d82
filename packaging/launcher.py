"""The frozen program's entry point: exactly what the ``volunteer-app`` command does."""

import sys

from volunteer_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
