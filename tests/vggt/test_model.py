"""Native VGGT internals: the memory-saving paths equal the plain computation, bf16 stays close to
fp32, bad input is refused with a message."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from splatbench.model.vggt import VGGT, vggt_preset
from splatbench.model.vggt.layers import RopeTable, patch_positions
from splatbench.model.vggt.weights import fill_generated_weights

TINY = vggt_preset("tiny")


@pytest.fixture(scope="module")
def model():
    return fill_generated_weights(VGGT(TINY).eval())


@pytest.fixture(scope="module")
def images():
    return torch.rand(1, 5, 3, 28, 56, generator=torch.Generator().manual_seed(3))


def plain_aggregator(model, images):
    """All layers of the aggregator computed without chunks, with whole-sequence tensors and
    a separate attention call per frame: the reference's data flow, written independently."""
    aggregator, config = model.aggregator, model.config
    batch, frames, _, height, width = images.shape
    mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
    patches = aggregator.patch_embed.patch_tokens(((images - mean) / std).flatten(0, 1))
    special = torch.cat([aggregator.camera_token, aggregator.register_token], dim=2)[0]
    special = torch.stack([special[0]] + [special[1]] * (frames - 1))
    tokens = torch.cat([special, patches], dim=1)  # [S, P, C]
    rows, cols = height // 14, width // 14
    rope = RopeTable(patch_positions(rows, cols, config.patch_start), config.embed_dim // config.num_heads, 100.0)
    count = tokens.shape[1]
    outputs = []
    for frame_block, global_block in zip(aggregator.frame_blocks, aggregator.global_blocks):
        tokens = torch.stack([frame_block(frame[None], rope)[0] for frame in tokens])
        frame_out = tokens
        flat = tokens.reshape(1, frames * count, -1)
        # RoPE positions repeat per frame; then all frames form one sequence.
        query, key, value = (t.reshape(1, frames * count, *t.shape[-2:]).transpose(1, 2)
                             for t in global_block.qkv(tokens, rope))
        attended = F.scaled_dot_product_attention(query, key, value).transpose(1, 2).flatten(-2)
        tokens = global_block.finish(flat, attended).view(frames, count, -1)
        outputs.append(torch.cat([frame_out, tokens], dim=-1)[None])
    return outputs


def test_chunked_aggregator_equals_plain(model, images):
    expected = plain_aggregator(model, images)
    for chunk in (1, 2):
        with torch.no_grad():
            ours = model.aggregator.layer_outputs(images, chunk_frames=chunk)
        assert sorted(ours) == list(range(TINY.depth))
        for layer, tokens in ours.items():
            difference = (tokens - expected[layer]).abs().max().item()
            assert difference < 1e-5, f"chunk {chunk}, layer {layer}: {difference:.2e}"


def test_prediction_independent_of_chunk_sizes(model, images):
    whole = model(images, chunk_frames=5, head_chunk_frames=5)
    for chunk, head_chunk in ((1, 1), (2, 3)):
        part = model(images, chunk_frames=chunk, head_chunk_frames=head_chunk)
        assert (part.depth - whole.depth).abs().max() < 1e-5
        assert (part.depth_conf - whole.depth_conf).abs().max() < 1e-5
        assert (part.pose_encoding - whole.pose_encoding).abs().max() < 1e-5


def test_bf16_close_to_fp32(model, images):
    full = model(images)
    half = model(images, compute_dtype=torch.bfloat16)
    for value in (half.depth, half.depth_conf, half.extrinsics, half.intrinsics):
        assert value.dtype == torch.float32 and torch.isfinite(value).all()
    assert ((half.depth - full.depth).abs() / full.depth).max() < 0.02
    assert (half.pose_encoding - full.pose_encoding).abs().max() < 0.05


def test_bf16_weights_refuse_fp32_compute(images):
    model = fill_generated_weights(VGGT(TINY).eval()).store_aggregator_weights(torch.bfloat16)
    assert model.aggregator.frame_blocks[0].attn.qkv.weight.dtype == torch.bfloat16
    assert model.aggregator.frame_blocks[0].norm1.weight.dtype == torch.float32
    assert torch.isfinite(model(images, compute_dtype=torch.bfloat16).depth).all()
    with pytest.raises(ValueError, match="bfloat16"):
        model(images)


def test_outputs_and_shapes(model, images):
    prediction = model(images[0])  # [S, 3, H, W] gets a batch dimension
    assert prediction.extrinsics.shape == (1, 5, 3, 4)
    assert len(prediction.pose_encodings) == TINY.camera_iterations
    rotation = prediction.extrinsics[..., :3]
    assert torch.allclose(rotation @ rotation.transpose(-1, -2), torch.eye(3).expand_as(rotation), atol=1e-5)
    assert torch.allclose(prediction.intrinsics[..., 0, 2], torch.tensor(28.0))
    assert torch.allclose(prediction.intrinsics[..., 1, 2], torch.tensor(14.0))
    assert prediction.depth.shape == prediction.depth_conf.shape == (1, 5, 28, 56)
    assert (prediction.depth_conf >= 1).all() and (prediction.depth > 0).all()


@pytest.mark.parametrize("shape, message", [((1, 2, 3, 30, 56), "multiple of the patch size"),
                                            ((2, 4, 28, 56), r"\[S, 3, H, W\]")])
def test_bad_input(model, shape, message):
    with pytest.raises(ValueError, match=message):
        model(torch.rand(shape))


def test_batch_of_sequences_equals_one_at_a_time(model, images):
    other = images.flip(1)  # a second sequence: same frames, other order (another first frame)
    both = model(torch.cat([images, other]), chunk_frames=2)
    for index, single in enumerate((images, other)):
        alone = model(single, chunk_frames=2)
        assert (both.depth[index] - alone.depth[0]).abs().max() < 1e-5
        assert (both.pose_encoding[index] - alone.pose_encoding[0]).abs().max() < 1e-5
