"""``python -m normalize`` runs the ``normalize-file`` command."""

import sys

from normalize.cli import main

if __name__ == "__main__":
    sys.exit(main())
