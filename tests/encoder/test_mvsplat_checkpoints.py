"""MVSplat's state dict equals the official key list (names, shapes and order) recorded from the
reference module tree (golden/mvsplat_state_dict.tsv, see golden/README.md), and official
Lightning checkpoints load strictly through the shared checkpoint loader."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from splatbench.model.checkpoints import CheckpointMismatchError, load_pretrained_weights
from splatbench.model.encoder import encoder_preset, get_encoder
from splatbench.model.generated_weights import generated_state_dict, load_shape_table, write_fake_official_checkpoint

GOLDEN = Path(__file__).parent / "golden"
# Printed by the reference when the table was recorded: 471 tensors, 11,955,734 parameters
# (the paper's table lists MVSplat at 12.0 M).
REFERENCE_TENSORS, REFERENCE_PARAMETERS = 471, 11_955_734


def official_shapes() -> dict[str, tuple[int, ...]]:
    return load_shape_table(GOLDEN / "mvsplat_state_dict.tsv")


def build_on_meta():
    with torch.device("meta"):
        encoder, _ = get_encoder(encoder_preset("mvsplat"))
    return encoder


def test_state_dict_equals_the_official_key_list():
    ours = [(f"encoder.{key}", tuple(value.shape)) for key, value in build_on_meta().state_dict().items()]
    assert ours == list(official_shapes().items())
    assert len(ours) == REFERENCE_TENSORS


def test_parameter_count_is_the_reference_count():
    assert sum(p.numel() for p in build_on_meta().parameters()) == REFERENCE_PARAMETERS


@pytest.fixture(scope="module")
def official_lightning_checkpoint(tmp_path_factory) -> Path:
    """A Lightning .ckpt in the official layout (``state_dict`` with ``encoder.*`` keys, trainer
    state around it), weights generated from the official names."""
    path = tmp_path_factory.mktemp("mvsplat") / "re10k.ckpt"
    return write_fake_official_checkpoint(path, "lightning", generated_state_dict(official_shapes()))


def test_official_lightning_checkpoint_loads_strictly(official_lightning_checkpoint):
    from splatbench.api import from_checkpoint

    model = from_checkpoint(official_lightning_checkpoint, method="mvsplat")
    expected = generated_state_dict(official_shapes())
    loaded = model.encoder.state_dict()
    assert all(torch.equal(loaded[key.removeprefix("encoder.")], value) for key, value in expected.items())


def test_checkpoint_with_a_missing_key_is_refused_naming_it(tmp_path):
    state = generated_state_dict(official_shapes())
    dropped = "encoder.depth_predictor.to_disparity.2.bias"
    del state[dropped]
    path = write_fake_official_checkpoint(tmp_path / "broken.ckpt", "lightning", state)
    encoder, _ = get_encoder(encoder_preset("mvsplat"))
    with pytest.raises(CheckpointMismatchError, match=f"1 missing key: {dropped}"):
        load_pretrained_weights(encoder, path, kind="model", strict=True)


ABLATIONS = ("wo_depth_refine", "wo_cost_volume", "wo_cost_volume_refine")


@pytest.mark.parametrize("ablation", ABLATIONS)
def test_ablation_state_dicts_equal_the_reference_key_lists(ablation):
    """The paper's Table 3 models (``re10k_worefine.ckpt`` is released) as the reference builds them."""
    with torch.device("meta"):
        encoder, _ = get_encoder(encoder_preset("mvsplat", **{ablation: True}))
    ours = [(f"encoder.{key}", tuple(value.shape)) for key, value in encoder.state_dict().items()]
    assert ours == list(load_shape_table(GOLDEN / f"mvsplat_state_dict_{ablation}.tsv").items())


@pytest.mark.parametrize("ablation", ABLATIONS)
def test_ablations_run(ablation):
    # (without the cost-volume U-Net its projection feeds the depth head: widths must agree)
    widths = {"costvolume_unet_feat_dim": 16} if ablation == "wo_cost_volume_refine" else {}
    encoder, _ = get_encoder(encoder_preset("mvsplat_tiny", **{ablation: True}, **widths))
    context = {
        "image": torch.rand(1, 2, 3, 32, 32),
        "intrinsics": torch.tensor([[0.9, 0, 0.5], [0, 0.9, 0.5], [0, 0, 1.0]]).expand(1, 2, 3, 3),
        "extrinsics": torch.eye(4).expand(1, 2, 4, 4).clone(),
        "near": torch.ones(1, 2),
        "far": torch.full((1, 2), 20.0),
    }
    context["extrinsics"][0, 1, 0, 3] = 0.25
    with torch.no_grad():
        output = encoder.eval()(context)
    depths = output["depths"]
    assert depths.shape == (1, 2, 32, 32) and bool(((depths >= 1.0 - 1e-4) & (depths <= 20.0 + 1e-3)).all())
    assert torch.isfinite(output["gaussians"].means).all()


@pytest.mark.parametrize("ablation", ["wo_backbone_cross_attn", "use_epipolar_trans"])
def test_unimplemented_ablations_are_refused_naming_the_key(ablation):
    with pytest.raises(ValueError, match=f"model.encoder.{ablation}: .*not implemented"):
        get_encoder(encoder_preset("mvsplat_tiny", **{ablation: True}))


def test_cost_volume_projection_width_must_match_the_depth_head():
    with pytest.raises(ValueError, match="costvolume_unet_feat_dim: must equal num_depth_candidates"):
        get_encoder(encoder_preset("mvsplat_tiny", wo_cost_volume_refine=True))


def test_unimatch_weights_initialise_the_backbone_in_train_mode(tmp_path):
    """``model.encoder.unimatch_weights_path`` (read in train mode, as the reference) loads a UniMatch
    file's ``backbone.*`` / ``transformer.*`` into ``encoder.backbone``; its other keys are ignored."""
    from types import SimpleNamespace

    from splatbench.model.generated_weights import generated_tensor
    from splatbench.training.config import CheckpointingCfg
    from splatbench.training.run import _load_pretrained

    encoder, _ = get_encoder(encoder_preset("mvsplat_tiny"))
    backbone = {key: generated_tensor("unimatch." + key, value.shape) for key, value in encoder.backbone.state_dict().items()}
    unimatch = {**backbone, "upsampler.0.weight": torch.zeros(4, 4, 3, 3)}  # GMFlow-only keys
    path = tmp_path / "gmdepth-scale1-resumeflowthings-scannet-5d9d7964.pth"
    torch.save({"model": unimatch}, path)
    cfg_encoder = encoder_preset("mvsplat_tiny", unimatch_weights_path=str(path))
    wrapper = SimpleNamespace(encoder=encoder)
    checkpointing = CheckpointingCfg()
    _load_pretrained(wrapper, SimpleNamespace(mode="test", checkpointing=checkpointing, model=SimpleNamespace(encoder=cfg_encoder)))
    assert not torch.equal(encoder.backbone.state_dict()["transformer.layers.0.self_attn.q_proj.weight"],
                           backbone["transformer.layers.0.self_attn.q_proj.weight"])  # test mode: not read
    _load_pretrained(wrapper, SimpleNamespace(mode="train", checkpointing=checkpointing, model=SimpleNamespace(encoder=cfg_encoder)))
    loaded = encoder.backbone.state_dict()
    assert all(torch.equal(loaded[key], value) for key, value in backbone.items())
