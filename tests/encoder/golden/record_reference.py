"""Record golden outputs from the reference DepthSplat implementation (run outside the repo).

Not a test. Needs a separate environment with the reference's requirements (torch, einops,
jaxtyping, dacite, beartype, e3nn, pillow, pytorch_lightning; no torchvision or xformers needed)
and local snapshots of ``cvg/depthsplat`` and ``facebookresearch/dinov2``::

    python record_reference.py --depthsplat /tmp/ref/depthsplat --dinov2 /tmp/ref/dinov2 \
        --splatbench /work/main --preset small --views 2 --size 64 --out /tmp/ref_small_v2_64.npz

It builds the reference encoder offline (``torch.hub.load(source="local", pretrained=False)``),
fills every state-dict entry with ``splatbench.model.generated_weights`` by name, runs the
deterministic scene below in eval mode (fp32, CPU) and saves inputs and outputs. ``--golden``
then writes the reduced file kept in this folder (full depths and opacities, 256 sampled Gaussians).
"""

from __future__ import annotations

import argparse
import importlib.machinery
import math
import sys
from unittest import mock

import numpy as np

REFERENCE_PRESETS = {
    "small": dict(monodepth_vit_type="vits", num_scales=1, upsample_factor=4, lowest_feature_resolution=4),
    "base": dict(monodepth_vit_type="vitb", num_scales=2, upsample_factor=2, lowest_feature_resolution=4),
    "large": dict(monodepth_vit_type="vitl", num_scales=2, upsample_factor=2, lowest_feature_resolution=4),
}
# Imported somewhere in the reference's package tree but not used by the encoder.
UNUSED_MODULES = [
    "skvideo", "skvideo.io", "moviepy", "moviepy.editor", "lpips", "cv2", "wandb", "colorspacious",
    "colorama", "tabulate", "skimage", "skimage.metrics", "matplotlib", "matplotlib.pyplot",
    "matplotlib.cm", "matplotlib.figure", "plyfile", "diff_gaussian_rasterization", "imageio", "tqdm",
    "scipy", "scipy.spatial", "scipy.spatial.transform", "sklearn", "torchvision", "torchvision.transforms",
]


def make_scene(views: int, size: int, seed: int = 0) -> dict[str, np.ndarray]:
    """Smooth synthetic textures (uint8) and cameras with a 0.25 baseline and a small yaw per view."""
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:size, 0:size] / size
    images = np.zeros((1, views, 3, size, size))
    for v in range(views):
        for c in range(3):
            texture = np.zeros((size, size))
            for _ in range(4):
                fx, fy, phase = rng.uniform(1, 6), rng.uniform(1, 6), rng.uniform(0, 2 * math.pi)
                texture += np.sin(2 * math.pi * (fx * (xs + 0.05 * v) + fy * ys) + phase)
            images[0, v, c] = 0.5 + 0.12 * texture + 0.03 * rng.standard_normal((size, size))
    image_u8 = np.clip(np.round(images * 255), 0, 255).astype(np.uint8)
    intrinsics = np.tile(np.array([[0.9, 0, 0.5], [0, 0.9, 0.5], [0, 0, 1]], np.float32), (1, views, 1, 1))
    extrinsics = np.tile(np.eye(4, dtype=np.float32), (1, views, 1, 1))
    for v in range(views):
        yaw = 0.04 * v
        extrinsics[0, v, :3, :3] = [[math.cos(yaw), 0, math.sin(yaw)], [0, 1, 0], [-math.sin(yaw), 0, math.cos(yaw)]]
        extrinsics[0, v, :3, 3] = [0.25 * v, 0.02 * v * v, 0.05 * v]
    return {
        "image_u8": image_u8,
        "intrinsics": intrinsics,
        "extrinsics": extrinsics,
        "near": np.full((1, views), 1.0, np.float32),
        "far": np.full((1, views), 20.0, np.float32),
    }


def build_reference_encoder(depthsplat: str, dinov2: str, preset: str):
    import torch

    sys.path.insert(0, depthsplat)
    import pytorch_lightning  # noqa: F401  (before the stubs: it probes for torchvision)

    for name in UNUSED_MODULES:
        stub = mock.MagicMock()
        stub.__spec__ = importlib.machinery.ModuleSpec(name, None)
        sys.modules.setdefault(name, stub)
    hub_load = torch.hub.load
    torch.hub.load = lambda _repo, model, *a, **k: hub_load(dinov2, model, source="local", pretrained=False)

    from src.model.encoder.common.gaussian_adapter import GaussianAdapterCfg
    from src.model.encoder.encoder_depthsplat import EncoderDepthSplat, EncoderDepthSplatCfg
    from src.model.encoder.visualization.encoder_visualizer_depthsplat_cfg import EncoderVisualizerDepthSplatCfg

    cfg = EncoderDepthSplatCfg(
        name="depthsplat", d_feature=128, num_depth_candidates=128, num_surfaces=1,
        visualizer=EncoderVisualizerDepthSplatCfg(8, 256, False), gaussian_adapter=GaussianAdapterCfg(1e-10, 3.0, 2),
        gaussians_per_pixel=1, unimatch_weights_path=None, downscale_factor=4, shim_patch_size=4,
        multiview_trans_attn_split=2, costvolume_unet_feat_dim=128, costvolume_unet_channel_mult=[1, 1, 1],
        costvolume_unet_attn_res=[], depth_unet_feat_dim=64, depth_unet_attn_res=[], depth_unet_channel_mult=[1, 1, 1],
        depth_unet_channels=128, grid_sample_disable_cudnn=False, large_gaussian_head=False, color_large_unet=False,
        init_sh_input_img=True, feature_upsampler_channels=64, gaussian_regressor_channels=64,
        supervise_intermediate_depth=True, return_depth=True, train_depth_only=False, local_mv_match=2,
        **REFERENCE_PRESETS[preset],
    )
    return EncoderDepthSplat(cfg)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depthsplat", required=True)
    parser.add_argument("--dinov2", required=True)
    parser.add_argument("--splatbench", required=True, help="checkout providing generated_weights")
    parser.add_argument("--preset", choices=sorted(REFERENCE_PRESETS), default="small")
    parser.add_argument("--views", type=int, default=2)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--train", action="store_true", help="training mode (two-scale intermediate outputs)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--golden", help="also write the reduced golden file here")
    args = parser.parse_args()

    import torch

    encoder = build_reference_encoder(args.depthsplat, args.dinov2, args.preset)
    sys.path.append(args.splatbench)  # after the reference: both have top-level packages
    from splatbench.model.generated_weights import fill_weights_from_names

    fill_weights_from_names(encoder, prefix="encoder.")
    encoder.train(args.train)
    scene = make_scene(args.views, args.size)
    context = {
        "image": torch.from_numpy(scene["image_u8"]).float() / 255.0,
        **{key: torch.from_numpy(scene[key]) for key in ("intrinsics", "extrinsics", "near", "far")},
    }
    with torch.no_grad():
        output = encoder(context, global_step=0)
    gaussians = output["gaussians"]
    result = dict(scene)
    result.update(
        depths=output["depths"].numpy(), means=gaussians.means.numpy(), covariances=gaussians.covariances.numpy(),
        harmonics=gaussians.harmonics.numpy(), opacities=gaussians.opacities.numpy(),
    )
    np.savez(args.out, **result)
    if args.golden:
        index = np.linspace(0, result["means"].shape[1] - 1, 256).round().astype(np.int64)
        golden = {k: result[k] for k in ("image_u8", "intrinsics", "extrinsics", "near", "far", "depths", "opacities")}
        golden["gaussian_index"] = index
        for key in ("means", "covariances", "harmonics"):
            golden[key] = result[key][:, index]
        np.savez_compressed(args.golden, **golden)


if __name__ == "__main__":
    main()
