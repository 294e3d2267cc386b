"""File dialogs in the cashier's language, whatever language the PC's Windows speaks.

A native dialog speaks the operating system's language (an English Windows at a Taipei store);
Qt's own dialog speaks the installed translators': qtbase_<lang>.qm (i18n.install) words its
buttons, columns and tool tips, and the two labels Qt's catalogue leaves untranslated ("Look in:",
"Files of type:") are set here from ours. Qt 6's file type words ("Drive", "Folder", "%1 File")
are missing from the zh_TW catalogue Qt ships: `qt_catalogue_gaps` names them in Qt's own
contexts, so lupdate puts them in our .ts and our translator answers Qt's lookup.
The counter and the manager desk use `save_file_dialog` / `ask_save_path`, never
`QFileDialog.getSaveFileName`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

__all__ = ["save_file_dialog", "ask_save_path", "qt_catalogue_gaps"]


def save_file_dialog(parent: QWidget | None, title: str, name: str, name_filter: str = "") -> QFileDialog:
    """A Qt (non-native) save dialog starting at `name` (a file name or path), labels translated."""
    dlg = QFileDialog(parent, title)
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if name_filter:
        dlg.setNameFilter(name_filter)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dlg.setFileMode(QFileDialog.FileMode.AnyFile)
    labels = {
        QFileDialog.DialogLabel.LookIn: QCoreApplication.translate("FileDialog", "Look in:"),
        QFileDialog.DialogLabel.FileName: QCoreApplication.translate("FileDialog", "File name:"),
        QFileDialog.DialogLabel.FileType: QCoreApplication.translate("FileDialog", "Files of type:"),
        QFileDialog.DialogLabel.Accept: QCoreApplication.translate("FileDialog", "Save"),
        QFileDialog.DialogLabel.Reject: QCoreApplication.translate("FileDialog", "Cancel"),
    }
    for label, text in labels.items():
        dlg.setLabelText(label, text)
    dlg.selectFile(name)
    return dlg


def ask_save_path(parent: QWidget | None, title: str, name: str, name_filter: str = "") -> str | None:
    """The path the person chose to save to, or None when they cancelled."""
    dlg = save_file_dialog(parent, title, name, name_filter)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    files = dlg.selectedFiles()
    return files[0] if files else None


def qt_catalogue_gaps() -> dict[tuple[str, str], str]:
    """(Qt's context, Qt's English) -> the current translation, for the words Qt's own zh_TW catalogue
    (qtbase_zh_TW.qm) lacks; our .ts carries them (the literal calls below are what lupdate reads)."""
    return {
        ("QAbstractFileIconProvider", "Drive"): QCoreApplication.translate("QAbstractFileIconProvider", "Drive"),
        ("QAbstractFileIconProvider", "Folder"): QCoreApplication.translate("QAbstractFileIconProvider", "Folder"),
        ("QAbstractFileIconProvider", "File"): QCoreApplication.translate("QAbstractFileIconProvider", "File"),
        ("QAbstractFileIconProvider", "%1 File"): QCoreApplication.translate("QAbstractFileIconProvider", "%1 File"),
        ("QAbstractFileIconProvider", "Shortcut"): QCoreApplication.translate("QAbstractFileIconProvider", "Shortcut"),
        ("QAbstractFileIconProvider", "Alias"): QCoreApplication.translate("QAbstractFileIconProvider", "Alias"),
    }
