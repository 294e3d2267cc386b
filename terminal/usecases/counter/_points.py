"""Paying with the member's points: a number per point type, or as many as the bill allows."""

from __future__ import annotations

from datetime import datetime

from terminal.usecases.counter._core import CounterCore
from terminal.usecases.counter._state import action
from terminal.usecases.counter._views import CounterView, Notice


class PointsMixin(CounterCore):
    @action("set_points")
    def set_points(self, point_type: str, points: int, at: datetime | None = None) -> CounterView:
        """Use `points` of `point_type` (0 or less: none); a refusal by the preview is the notice."""
        points = max(0, int(points))
        if points:
            self.points[point_type] = points
        else:
            self.points.pop(point_type, None)
        self._recompute(at)
        bad = [pv for pv in (self.preview.points_verdicts if self.preview else ()) if pv.point_type == point_type and not pv.ok]
        if bad:
            self.notice = Notice("error", "points", bad[0].message, bad[0].reason.value if bad[0].reason else None)
        elif points:
            name = self.point_type_names().get(point_type, point_type)
            self.notice = Notice("ok", "points", f"{points} {name}", subject=name)
        return self.view()

    @action("use_max_points")
    def use_max_points(self, point_type: str, at: datetime | None = None) -> CounterView:
        """Use as many points as the bill allows ('max' button); nothing without a preview."""
        if self.preview is None:
            return self.view()
        self.points.pop(point_type, None)
        self._recompute(at)
        most = self.preview.max_points.get(point_type, 0) if self.preview else 0
        return self.set_points(point_type, most, at)
