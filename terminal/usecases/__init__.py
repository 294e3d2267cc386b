"""The Qt-free imperative shell: one module per capability over one service context.

Loads from storage/, decides with domain/ (pure), writes in one transaction. The CLI and the
Qt window (terminal/ui/) both drive these; none of them imports Qt.
"""
