"""Camera barcode decoding and keyboard-wedge scanner detection, free of Qt.

The Qt layer wraps `ScanPipeline` in a worker thread fed by `camera_frames` and feeds
key presses to `WedgeDetector` from an application event filter.
"""

from .confirmation import ScanConfirmation
from .decoded import Decoded, gtin_check_digit_ok, is_plausible
from .decoders import (
    CombinedDecoder,
    Decoder,
    DecoderUnavailable,
    PyzbarDecoder,
    ZxingDecoder,
    make_decoder,
)
from .frames import (
    SIZE_480P,
    SIZE_720P,
    camera_frames,
    image_files,
    image_frames,
    letterbox,
    open_camera,
    read_image,
    to_gray,
    video_frames,
)
from .pipeline import ScanPipeline
from .scales import AIM_BOX, ScaleLevels, full_res_window
from .wedge import ENTER, TAB, Action, HeldKey, WedgeDecision, WedgeDetector, WedgeScan

__all__ = [
    "AIM_BOX",
    "ENTER",
    "SIZE_480P",
    "SIZE_720P",
    "TAB",
    "Action",
    "CombinedDecoder",
    "Decoded",
    "Decoder",
    "DecoderUnavailable",
    "HeldKey",
    "PyzbarDecoder",
    "ScanConfirmation",
    "ScaleLevels",
    "ScanPipeline",
    "WedgeDecision",
    "WedgeDetector",
    "WedgeScan",
    "ZxingDecoder",
    "camera_frames",
    "full_res_window",
    "gtin_check_digit_ok",
    "image_files",
    "image_frames",
    "is_plausible",
    "letterbox",
    "make_decoder",
    "open_camera",
    "read_image",
    "to_gray",
    "video_frames",
]
