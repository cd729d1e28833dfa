"""``viewer.html``: one self-contained page that shows a ``.ply`` with the input cameras drawn.

The page inlines ``viewer.js`` (GaussianSplats3D 0.4.7 + three.js, bundled by
``viewer_src/`` with esbuild; rebuild with ``cd splatbench/reconstruct/viewer_src && npm ci &&
npm run build``) and the splat file itself as base64, because browsers block ES-module imports
and ``fetch`` of local files on ``file://``. Nothing is loaded from the network.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

import numpy as np

from splatbench.utils.io import atomic_write_text

VIEWER_SCRIPT = Path(__file__).with_name("viewer.js")

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
html, body {{ margin: 0; height: 100%; background: #000; overflow: hidden; font-family: sans-serif; }}
#viewer {{ position: absolute; inset: 0; }}
#status {{ position: absolute; left: 8px; bottom: 8px; color: #ccc; font-size: 12px; }}
</style>
</head>
<body>
<div id="viewer"></div>
<div id="status">{title}: drag to orbit, right-drag to pan, wheel to zoom; orange: input cameras</div>
<script id="splat-config" type="application/json">{config}</script>
<script id="splat-ply" type="application/octet-stream">{ply}</script>
<script>{script}</script>
<script>
(function () {{
  var config = JSON.parse(document.getElementById("splat-config").textContent);
  var text = atob(document.getElementById("splat-ply").textContent.trim());
  var bytes = new Uint8Array(text.length);
  for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  window.splatbenchViewer.show(config, bytes, document.getElementById("viewer")).then(function () {{
    document.body.setAttribute("data-splats-ready", "1");
  }}).catch(function (error) {{
    document.body.setAttribute("data-splats-error", String(error));
    document.getElementById("status").textContent = "viewer error: " + error;
  }});
}})();
</script>
</body>
</html>
"""


def viewer_config(
    extrinsics: np.ndarray, intrinsics: np.ndarray, scene_centre: np.ndarray, sh_degree: int = 0, min_alpha: float = 1.0 / 255
) -> dict:
    """Start behind the first camera, looking at ``scene_centre``, up = that camera's -Y.

    ``extrinsics`` OpenCV c2w [N, 4, 4] and normalised K [N, 3, 3] in the .ply's world frame.
    """
    first = extrinsics[0]
    centres = extrinsics[:, :3, 3]
    distance = float(np.linalg.norm(scene_centre - first[:3, 3]))
    spread = float(np.linalg.norm(centres - centres.mean(0), axis=-1).max()) if len(centres) > 1 else 0.0
    scale = max(distance, spread, 1e-3)
    forward, down = first[:3, 2], first[:3, 1]
    return {
        "cameras": [{"c2w": pose.reshape(-1).tolist(), "k": [k[0, 0], k[1, 1], k[0, 2], k[1, 2]]} for pose, k in zip(extrinsics, intrinsics)],
        "frustumSize": 0.1 * scale,
        "position": (first[:3, 3] - 0.3 * scale * forward).tolist(),
        "lookAt": scene_centre.tolist(),
        "up": (-down).tolist(),
        "shDegree": int(sh_degree),
        "minimumAlpha": int(round(min_alpha * 255)),
    }


def write_viewer_html(path: Path, ply_bytes: bytes, config: dict, title: str = "splatbench") -> Path:
    script = VIEWER_SCRIPT.read_text(encoding="utf-8")
    if "</script" in script.lower():  # would end the inline <script> early
        raise RuntimeError(f"{VIEWER_SCRIPT} contains '</script'; rebuild it")
    page = PAGE.format(
        title=html.escape(title),
        config=json.dumps(config).replace("</", "<\\/"),
        ply=base64.b64encode(ply_bytes).decode("ascii"),
        script=script,
    )
    return atomic_write_text(path, page)


def viewer_ply_from_file(ply_path: Path, min_opacity: float = 0.02, max_splats: int = 400_000) -> tuple[bytes, np.ndarray, int]:
    """A light copy of a 3DGS .ply for embedding (colour-only SH, faint splats pruned, at most
    ``max_splats``, most opaque first); returns (bytes, median position, count)."""
    import io

    from plyfile import PlyData, PlyElement

    vertices = PlyData.read(str(ply_path))["vertex"].data
    opacity = 1.0 / (1.0 + np.exp(-vertices["opacity"].astype(np.float64)))
    order = np.argsort(-opacity, kind="stable")
    keep = order[opacity[order] >= min_opacity][:max_splats]
    names = ["x", "y", "z", "f_dc_0", "f_dc_1", "f_dc_2", "opacity", "scale_0", "scale_1", "scale_2", "rot_0", "rot_1", "rot_2", "rot_3"]
    light = np.empty(len(keep), dtype=[(name, "f4") for name in names])
    for name in names:
        light[name] = vertices[name][keep]
    buffer = io.BytesIO()
    PlyData([PlyElement.describe(light, "vertex")]).write(buffer)
    centre = np.median(np.stack([light["x"], light["y"], light["z"]], -1), axis=0) if len(keep) else np.zeros(3)
    return buffer.getvalue(), centre.astype(np.float64), len(keep)


def write_viewer_for_ply(
    ply_path: Path,
    html_path: Path,
    extrinsics: np.ndarray | None = None,
    intrinsics: np.ndarray | None = None,
    title: str | None = None,
) -> Path:
    """``viewer.html`` for an existing .ply (e.g. test mode's ``gaussians/<scene>.ply``), with the
    cameras drawn when given (OpenCV c2w [N,4,4], normalised K [N,3,3]); without cameras the view
    starts 1 unit behind the splats' median, looking down +Z."""
    data, centre, _ = viewer_ply_from_file(Path(ply_path))
    if extrinsics is None:
        start = np.eye(4)
        start[:3, 3] = centre - np.array([0.0, 0.0, 1.0])
        config = viewer_config(start[None], np.array([[[1.0, 0, 0.5], [0, 1.0, 0.5], [0, 0, 1]]]), centre)
        config["cameras"] = []
    else:
        config = viewer_config(np.asarray(extrinsics, dtype=np.float64), np.asarray(intrinsics, dtype=np.float64), centre)
    return write_viewer_html(Path(html_path), data, config, title=title or Path(ply_path).stem)
