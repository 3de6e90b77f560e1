"""``python -m edcompetencies``: the same as the ``edcompetencies`` command."""

import sys

from .cli import main

sys.exit(main())
