"""Frame in, newly confirmed scans out: the whole camera worker minus the thread.

Camera frames, video files and image files all go through `process`, so the tests
exercise exactly the code the Qt worker runs in its loop.
"""

from __future__ import annotations

import numpy as np

from .confirmation import ScanConfirmation
from .decoded import Decoded
from .decoders import Decoder


class ScanPipeline:
    def __init__(self, decoder: Decoder, confirmation: ScanConfirmation | None = None) -> None:
        self.decoder = decoder
        self.confirmation = confirmation or ScanConfirmation()

    def process(self, frame: np.ndarray, t: float) -> list[Decoded]:
        """Decode `frame` captured at monotonic time `t`; return scans to act on now."""
        return self.confirmation.update(t, self.decoder.decode(frame))
