"""PyInstaller hook for keyring: its backends are found through entry points and imported by name.

keyring discovers backends with importlib.metadata entry points (group `keyring.backends`)
and, when PYTHON_KEYRING_BACKEND or a keyringrc.cfg names one, by importing the module by
name. PyInstaller sees neither, so a frozen app would only know the `fail` backend and
refuse to enrol. Collect keyring's dist-info (entry_points.txt) and every backend module;
on Linux also the Secret Service stack (SecretStorage -> jeepney, pure Python D-Bus) and on
Windows the Credential Manager binding (pywin32-ctypes).
"""

from PyInstaller.compat import is_win
from PyInstaller.utils.hooks import can_import_module, collect_submodules, copy_metadata

datas = copy_metadata("keyring")
hiddenimports = collect_submodules("keyring.backends")

if is_win:
    hiddenimports += collect_submodules("win32ctypes")
else:
    for extra in ("secretstorage", "jeepney"):
        if can_import_module(extra):
            hiddenimports += collect_submodules(extra)
            datas += copy_metadata(extra.replace("secretstorage", "SecretStorage"))
