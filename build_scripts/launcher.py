"""PyInstaller entry script: the same as `python -m terminal` (terminal/__main__.py).

A separate file rather than terminal/__main__.py itself, so that PyInstaller does not put the
terminal/ package directory on its module search path (its modules would become importable
as top-level `config`, `logs`, `paths`, ...) and the bundle runs `main()` exactly as the
`loyalty-terminal` console script does.
"""

import sys

from terminal.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
