"""Which path the product decoder takes through a 1280x720 frame (issue 17, decoding speed).

The frames are drawn here: a plain counter-top scene (gradient, printed text, a white card)
with generated codes pasted in, so each test controls the module size and the position.
`CombinedDecoder.last_attempts` lists (step, image height, width) of the last call.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
import zxingcpp

from terminal.scanning.decoders import CombinedDecoder, ZxingDecoder
from terminal.scanning.locate import MAX_BOXES, BarcodeLocator
from terminal.scanning.scales import AIM_BOX, ScaleLevels, full_res_window

F = zxingcpp.BarcodeFormat
CARD = "LT1MABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def code(text: str, fmt, module: int) -> np.ndarray:
    image = np.array(zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(text, fmt), scale=1))
    return cv2.resize(image, None, fx=module, fy=module, interpolation=cv2.INTER_NEAREST)


def scene() -> np.ndarray:
    """A 1280x720 grey frame with no barcode: lighting gradient, printed text, a white card."""
    w, h = 1280, 720
    light = (np.linspace(90, 170, w, dtype=np.float32)[None, :]
             + np.linspace(0, 40, h, dtype=np.float32)[:, None])
    frame = light.astype(np.uint8)
    for i, line in enumerate(["Loyalty terminal", "Counter 3  2026-11-30", "Thank you"]):
        cv2.putText(frame, line, (60, 120 + 90 * i), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 30, 3, cv2.LINE_AA)
    cv2.rectangle(frame, (900, 450), (1200, 680), 230, -1)
    return frame


def paste(frame: np.ndarray, image: np.ndarray, cx: int, cy: int, quiet: int = 10):
    """Paste `image` with a white quiet zone centred on (cx, cy); return the frame and its box."""
    image = cv2.copyMakeBorder(image, quiet, quiet, quiet, quiet, cv2.BORDER_CONSTANT, value=255)
    h, w = image.shape
    x, y = cx - w // 2, cy - h // 2
    frame[y : y + h, x : x + w] = image
    return frame, (x, y, x + w, y + h)


def inside(quad, box, slack: int = 4) -> bool:
    x0, y0, x1, y1 = box
    return all(x0 - slack <= x <= x1 + slack and y0 - slack <= y <= y1 + slack for x, y in quad)


def steps(decoder: CombinedDecoder) -> list[str]:
    return [step for step, _, _ in decoder.last_attempts]


@pytest.fixture()
def decoder() -> CombinedDecoder:
    return CombinedDecoder()


def test_levels_of_a_720p_frame():
    levels = ScaleLevels.of(np.zeros((720, 1280), np.uint8))
    assert levels.work.image.shape == (360, 640) and levels.work.factor == 2
    assert levels.coarse is not None and levels.coarse.image.shape == (180, 320) and levels.coarse.factor == 4
    assert levels.reduced
    small = ScaleLevels.of(np.zeros((150, 300), np.uint8))
    assert small.work.factor == 1 and small.coarse is None and not small.reduced


def test_full_res_window_holds_the_aiming_box_and_less_than_half_the_frame():
    x0, y0, x1, y1 = full_res_window((720, 1280))
    left, top, right, bottom = AIM_BOX
    assert x0 <= left * 1280 and y0 <= top * 720 and x1 >= right * 1280 and y1 >= bottom * 720
    assert (x1 - x0) * (y1 - y0) < 0.5 * 1280 * 720


def test_no_barcode_frame_reads_nothing_and_never_decodes_the_whole_frame(decoder):
    assert decoder.decode(scene()) == []
    assert steps(decoder) == ["work", "coarse", "coarse pdf417 rotated", "full-res window"]
    x0, y0, x1, y1 = full_res_window((720, 1280))
    assert decoder.last_attempts[-1] == ("full-res window", y1 - y0, x1 - x0)
    # Every attempt together decodes fewer pixels than the frame itself holds (before issue 17:
    # the whole frame, then the half frame, then the locator on the whole frame).
    assert sum(h * w for _, h, w in decoder.last_attempts) < 1280 * 720


def test_code_in_view_is_read_on_the_working_image_only(decoder):
    frame, box = paste(scene(), code(CARD, F.QRCode, 5), 500, 300)
    (result,) = decoder.decode(frame)
    assert result.text == CARD
    assert decoder.last_attempts == [("work", 360, 640)]
    assert inside(result.position, box)  # frame coordinates, not the half-size image's


def test_small_code_only_readable_at_full_resolution_is_found_in_the_aiming_box(decoder):
    frame, box = paste(scene(), code(CARD, F.QRCode, 2), 640, 360)
    levels = ScaleLevels.of(frame)
    assert ZxingDecoder(try_downscale=True).decode(levels.work.image) == []  # too small at half size
    (result,) = decoder.decode(frame)
    assert result.text == CARD
    assert steps(decoder)[-1] == "full-res window"
    assert inside(result.position, box)  # shifted back from the window to the frame


def test_small_code_outside_the_aiming_box_is_not_searched_at_full_resolution(decoder):
    """The price of the cheap idle frame: a code this small must be held in the aiming box."""
    frame, _ = paste(scene(), code(CARD, F.QRCode, 2), 1200, 70)
    assert [r.text for r in ZxingDecoder().decode(frame)] == [CARD]  # the whole frame would read it
    assert decoder.decode(frame) == []


def test_pdf417_held_sideways_is_read_on_the_coarse_level(decoder):
    sideways = cv2.rotate(code("LT coupon 42 ABCDEFGHIJ", F.PDF417, 5), cv2.ROTATE_90_CLOCKWISE)
    frame, box = paste(scene(), sideways, 640, 360)
    (result,) = decoder.decode(frame)
    assert result.text == "LT coupon 42 ABCDEFGHIJ"
    assert steps(decoder) == ["work", "coarse", "coarse pdf417 rotated"]
    assert inside(result.position, box)


def test_tilted_1d_code_in_a_720p_frame_is_cut_from_the_full_frame(decoder):
    bars = code("CARD123456", F.Code128, 4)
    h, w = bars.shape
    canvas = np.full((w + 40, w + 40), 255, np.uint8)
    canvas[(w + 40 - h) // 2 : (w + 40 - h) // 2 + h, 20 : 20 + w] = bars
    m = cv2.getRotationMatrix2D(((w + 40) / 2, (w + 40) / 2), 35, 1.0)
    tilted = cv2.warpAffine(canvas, m, (w + 40, w + 40), borderValue=255)
    frame, box = paste(scene(), tilted, 640, 360, quiet=0)
    (result,) = decoder.decode(frame)
    assert result.text == "CARD123456"
    assert "located crop" in steps(decoder)
    assert inside(result.position, box, slack=40)


def test_locator_crops_at_most_max_boxes_largest_first():
    frame = scene()
    for i, text in enumerate(["C1", "CARD12", "CARD1", "C12345", "CARD9", "CARD12"]):  # 6 codes
        paste(frame, code(text, F.Code128, 3), 220 + 420 * (i % 3), 180 + 360 * (i // 3), quiet=20)
    levels = ScaleLevels.of(frame)
    crops = BarcodeLocator().upright_crops(frame, levels.coarse.image, levels.coarse.factor)
    assert len(crops) == MAX_BOXES < 6
    areas = [cv2.contourArea(np.array(c.quad, np.float32)) for c in crops]
    assert areas == sorted(areas, reverse=True)
