"""``python -m privacy_center``: the operators' CLI."""

import sys

from privacy_center.cli import main

sys.exit(main())
