"""Runtime hook: make pyzbar load the libzbar bundled in sys._MEIPASS (Linux; see hook-pyzbar.py).

pyzbar.zbar_library does `from ctypes.util import find_library` and calls
find_library('zbar'), which cannot see the bundle. We wrap find_library so that 'zbar'
resolves to the bundled file. The patch is applied lazily, on the first import of
pyzbar.zbar_library (a one-shot meta path entry), so start-up does not pay for importing
ctypes.util (~20 ms: it pulls in subprocess, shutil, tempfile) when no camera scan happens.
On Windows nothing is needed: pyzbar finds libzbar-64.dll next to itself in _internal/pyzbar/.
"""


def _pyi_rthook():
    import os
    import sys

    if sys.platform.startswith("win") or sys.platform == "darwin":
        return
    # os.listdir, not glob: glob costs ~8 ms of imports on every start
    found = sorted((n for n in os.listdir(sys._MEIPASS) if n.startswith("libzbar.so")), key=len)
    if not found:
        return
    bundled = os.path.join(sys._MEIPASS, found[0])

    class _PatchFindLibraryOnce:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name != "pyzbar.zbar_library":
                return None
            sys.meta_path.remove(_PatchFindLibraryOnce)
            import ctypes.util

            original = ctypes.util.find_library

            def find_library(libname):
                if libname == "zbar":
                    return bundled
                return original(libname)

            ctypes.util.find_library = find_library
            return None  # let the normal importers load the module, now seeing the patched function

    sys.meta_path.insert(0, _PatchFindLibraryOnce)


_pyi_rthook()
del _pyi_rthook
