"""``python -m sharegov``: the same as the ``sharegov`` command."""

import sys

from sharegov.cli import main

sys.exit(main())
