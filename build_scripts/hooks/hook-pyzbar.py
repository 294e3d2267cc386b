"""PyInstaller hook for pyzbar: bundle the native zbar library that pyzbar loads with ctypes.

* Windows: the pyzbar wheel ships libzbar-64.dll and libiconv.dll inside the package; they
  are not Python extensions, so nothing collects them unless we do. They go to
  `_internal/pyzbar/`, where pyzbar's loader looks (Path(__file__).parent) when the
  current directory has no copy. libzbar-64.dll needs the Visual C++ 2013 runtime
  (msvcr120.dll); PyInstaller bundles it from System32 when the build PC has it installed.
* Linux: pyzbar finds the system libzbar with ctypes.util.find_library('zbar'), which in a
  frozen app either fails (no ldconfig cache entry on the target PC) or picks a different
  system copy. We bundle the build machine's libzbar.so.0 (PyInstaller adds its own
  dependencies: libjpeg, libv4l2, libX11, libdbus...) at the top of `_internal/`, and the
  runtime hook rthooks/pyi_rth_loyalty_pyzbar.py makes find_library('zbar') return it.
* macOS: not packaged (no store PCs run it); a Homebrew zbar would be found the same way.
"""

import ctypes.util
import os
import subprocess
import sys

from PyInstaller.compat import is_darwin, is_win
from PyInstaller.utils.hooks import collect_dynamic_libs, logger

binaries = []

if is_win:
    binaries = collect_dynamic_libs("pyzbar")  # [(…/pyzbar/libzbar-64.dll, 'pyzbar'), (…/libiconv.dll, 'pyzbar')]
    if not binaries:
        raise SystemExit("hook-pyzbar: pyzbar's libzbar-64.dll/libiconv.dll not found: reinstall pyzbar from its wheel")
    system32 = os.path.join(os.environ.get("SystemRoot", r"C:\Windows"), "System32")
    if not os.path.isfile(os.path.join(system32, "msvcr120.dll")):
        logger.warning("hook-pyzbar: msvcr120.dll (Visual C++ 2013 x64 runtime) is not installed on this build PC; "
                       "libzbar-64.dll will not load on PCs without it. Install vcredist_x64 (2013) and rebuild.")
elif not is_darwin:

    def _find_zbar() -> str | None:
        """Full path of the libzbar shared object the dynamic linker would load."""
        override = os.environ.get("LT_ZBAR_LIBRARY")  # e.g. a self-built libzbar for an older glibc
        if override:
            return override
        soname = ctypes.util.find_library("zbar")  # 'libzbar.so.0'
        if not soname:
            return None
        try:
            out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            out = ""
        multiarch = getattr(sys.implementation, "_multiarch", "")
        cached = []
        for line in out.splitlines():
            name, _, path = line.strip().partition(" => ")
            if name.split(" ", 1)[0] == soname and os.path.isfile(path.strip()):
                cached.append(path.strip())
        if cached:  # prefer this interpreter's architecture on multiarch systems (i386 copies may be listed too)
            return next((c for c in cached if multiarch and f"/{multiarch}/" in c), cached[0])
        for d in (f"/lib/{multiarch}", f"/usr/lib/{multiarch}", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
                  "/usr/local/lib"):
            cand = os.path.join(d, soname)
            if os.path.isfile(cand):
                return cand
        return None

    path = _find_zbar()
    if path is None:
        raise SystemExit("hook-pyzbar: libzbar not found on the build machine: apt-get install libzbar0 "
                         "(build_scripts/install-system-deps.sh) or set LT_ZBAR_LIBRARY=/path/libzbar.so.0")
    # The soname path (a symlink), not its target: PyInstaller copies the file under this
    # basename, libzbar.so.0; the runtime hook looks for libzbar.so*.
    binaries = [(path, ".")]
    logger.info("hook-pyzbar: bundling %s", path)
