"""`python -m volunteer_app` does what the `volunteer-app` command does."""

import sys

from volunteer_app.cli import main

sys.exit(main())
