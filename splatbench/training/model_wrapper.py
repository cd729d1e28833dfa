"""The Lightning module: one training step (losses, intermediate scales, non-finite loss guard),
validation metrics, and the reference's test step with its outputs."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytorch_lightning as pl
import torch
from jaxtyping import Float
from torch import Tensor, nn

from splatbench.data.dataset_chunked import SKIPPED_MARKER
from splatbench.data.types import BatchedExample
from splatbench.evaluation.depth_metrics import batch_depth_metrics, scene_depth_metrics
from splatbench.loss.base import Predictions, ScalePrediction
from splatbench.model.types import Gaussians
from splatbench.training.benchmarker import Benchmarker, peak_memory_bytes
from splatbench.training.checkpointing import GLOBAL_STEP_METRIC
from splatbench.training.config import OptimizerCfg, TestCfg, TrainCfg
from splatbench.training.optimizer import build_optimizer
from splatbench.training.ply_export import border_mask, export_gaussians_ply
from splatbench.training.test_outputs import (
    SceneResult,
    TestReport,
    colorize_inverse_depth,
    gather_reports,
    image_to_uint8,
    save_image,
    save_png,
    scene_image_dir,
    write_test_metrics,
)
from splatbench.utils.io import atomic_write_bytes

logger = logging.getLogger(__name__)


# Reference test outputs that this loop does not write yet (accepted, warned about).
UNSUPPORTED_TEST_OUTPUTS = ("save_video", "stablize_camera")


class NonFiniteLossError(RuntimeError):
    """Raised after too many consecutive non-finite losses; earlier checkpoints are left untouched."""


def metric_functions() -> dict[str, Callable[[Tensor, Tensor], Tensor]]:
    from splatbench.evaluation.metrics import compute_lpips, compute_psnr, compute_ssim

    return {"psnr": compute_psnr, "ssim": compute_ssim, "lpips": compute_lpips}


def split_gaussians_by_scale(gaussians: Gaussians, batch_size: int) -> tuple[Gaussians, list[Gaussians]]:
    """Split the reference's stacked output (intermediate scales first, final last, along the batch
    axis) into (final, [intermediate, ...]). A plain batch gives (gaussians, [])."""
    total = gaussians.means.shape[0]
    if total == batch_size:
        return gaussians, []
    if total % batch_size != 0:
        raise ValueError(f"encoder returned {total} Gaussian sets for a batch of {batch_size}")

    def take(i: int) -> Gaussians:
        part = slice(i * batch_size, (i + 1) * batch_size)
        return Gaussians(
            means=gaussians.means[part],
            covariances=gaussians.covariances[part],
            harmonics=gaussians.harmonics[part],
            opacities=gaussians.opacities[part],
            scales=None if gaussians.scales is None else gaussians.scales[part],
            rotations=None if gaussians.rotations is None else gaussians.rotations[part],
        )

    count = total // batch_size
    return take(count - 1), [take(i) for i in range(count - 1)]


def split_by_scale(stacked: Tensor | None, batch_size: int) -> list[Tensor]:
    """``[n * B, ...]`` stacked coarse to fine on the batch axis -> n tensors of ``[B, ...]``."""
    if stacked is None:
        return []
    if stacked.shape[0] % batch_size != 0:
        raise ValueError(f"encoder returned {stacked.shape[0]} depth sets for a batch of {batch_size}")
    return list(stacked.split(batch_size, dim=0))


class ModelWrapper(pl.LightningModule):
    """Encoder + decoder + losses. ``step_tracker`` (if any) tells data workers the global step."""

    def __init__(
        self,
        optimizer_cfg: OptimizerCfg,
        test_cfg: TestCfg,
        train_cfg: TrainCfg,
        encoder: nn.Module,
        data_shim: Callable[[BatchedExample], BatchedExample] | None,
        decoder: nn.Module,
        losses: list[nn.Module],
        step_tracker: Any | None = None,
        output_dir: str | Path = "outputs/tmp",
        evaluation_scenes: set[str] | None = None,
    ) -> None:
        super().__init__()
        self.optimizer_cfg = optimizer_cfg
        self.test_cfg = test_cfg
        self.train_cfg = train_cfg
        self.encoder = encoder
        self.data_shim = data_shim or (lambda batch: batch)
        self.decoder = decoder
        self.losses = nn.ModuleList(losses)
        self.step_tracker = step_tracker
        self.output_dir = Path(output_dir)
        # Scenes the evaluation index asks for; a skipped scene outside it is not counted as skipped.
        self.evaluation_scenes = evaluation_scenes
        self.benchmarker = Benchmarker()
        self.nonfinite_steps_skipped = 0
        self.consecutive_nonfinite_steps = 0
        self._last_loss_finite = True
        self._reset_test_state()
        # Filled by on_test_epoch_end on rank 0; run.py reads it to print tables.
        self.last_test_report: TestReport | None = None

    # ------------------------------------------------------------------ training
    def _render(self, gaussians: Gaussians, views: dict, image_shape: tuple[int, int], depth_mode: str | None = None):
        return self.decoder(
            gaussians,
            views["extrinsics"],
            views["intrinsics"],
            views["near"],
            views["far"],
            image_shape,
            depth_mode=depth_mode,
        )

    def _set_tracker_step(self) -> None:
        if self.step_tracker is not None:
            self.step_tracker.set_step(self.global_step)

    def on_train_start(self) -> None:
        # After a resume the restored step must reach the data workers before they sample.
        self._set_tracker_step()

    def predict_for_losses(self, batch: BatchedExample) -> Predictions:
        """Encoder depth per context view and rendered targets at every supervision scale.

        Scales run coarse to fine: with intermediate supervision the encoder stacks coarse
        Gaussians and depths ahead of the final ones on the batch axis. A depth-only encoder
        (no Gaussians) gives context depths alone.
        """
        target = batch["target"]
        batch_size, _, _, height, width = target["image"].shape
        encoded = self.encoder(batch["context"], self.global_step, deterministic=False)
        if not isinstance(encoded, dict):
            encoded = {"gaussians": encoded}
        depths = split_by_scale(encoded.get("depths"), batch_size)
        renders = []
        if encoded.get("gaussians") is not None:
            gaussians, intermediates = split_gaussians_by_scale(encoded["gaussians"], batch_size)
            intermediates = list(encoded.get("intermediate_gaussians", [])) + intermediates
            renders = [self._render(g, target, (height, width), self.train_cfg.depth_mode) for g in (*intermediates, gaussians)]
        count = max(len(renders), len(depths), 1)
        # Align from the final scale backwards; a scale without its own depth/render gets None.
        depths = [None] * (count - len(depths)) + depths
        renders = [None] * (count - len(renders)) + renders
        scales = [
            ScalePrediction(
                context_depth=depth,
                color=None if render is None else render.color,
                depth=None if render is None else render.depth,
            )
            for depth, render in zip(depths, renders)
        ]
        return Predictions.with_intermediate_weight(scales, self.train_cfg.intermediate_loss_weight)

    def training_step(self, batch: BatchedExample, batch_idx: int) -> Tensor:
        batch = self.data_shim(batch)
        target = batch["target"]
        predictions = self.predict_for_losses(batch)
        total_loss = torch.zeros((), device=target["image"].device)
        for loss_fn in self.losses:
            value = loss_fn(predictions, batch, self.global_step)
            self.log(f"loss/{loss_fn.name}", value)
            total_loss = total_loss + value

        self._last_loss_finite = bool(torch.isfinite(total_loss).item())
        self.log("loss/total", total_loss, prog_bar=True)
        final = predictions.final
        with torch.no_grad():
            if final.color is not None:
                psnr = metric_functions()["psnr"](target["image"].flatten(0, 1), final.color.flatten(0, 1)).mean()
                self.log("train/psnr", psnr)
            ground_truth = batch["context"].get("depth")
            if final.context_depth is not None and ground_truth is not None:
                depth_metrics = batch_depth_metrics(final.context_depth, ground_truth)
                for name in ("depth_abs_rel", "depth_delta1"):
                    if name in depth_metrics:
                        self.log(f"train/{name}", depth_metrics[name])
        self.log("info/near", target["near"].float().mean())
        self.log("info/far", target["far"].float().mean())
        self.log("info/context_views", float(batch["context"]["image"].shape[1]))
        self.log(GLOBAL_STEP_METRIC, float(self.global_step))
        if self.global_rank == 0 and self.global_step % max(self.train_cfg.print_log_every_n_steps, 1) == 0:
            logger.info(
                "train step %d; scenes %s; context %s; loss %.6f",
                self.global_step,
                [s[:20] for s in batch["scene"]],
                batch["context"]["index"].tolist(),
                total_loss.item(),
            )
        return total_loss

    def on_train_batch_end(self, outputs: Any, batch: Any, batch_idx: int) -> None:
        # The step the next batch is drawn for (workers that prefetch may still lag a little).
        self._set_tracker_step()

    def on_before_optimizer_step(self, optimizer: torch.optim.Optimizer) -> None:
        """Skip the update when the loss or any gradient is not finite.

        Dropping every gradient makes AdamW leave the weights and its moments untouched; the
        decision is agreed across DDP ranks so all of them skip together.
        """
        grads = [p.grad for p in self.parameters() if p.grad is not None]
        # One fused norm over all gradients: non-finite iff some gradient entry is (or it overflows).
        finite = self._last_loss_finite and (not grads or bool(torch.isfinite(torch.nn.utils.get_total_norm(grads))))
        if self.trainer.world_size > 1:
            finite = bool(self.trainer.strategy.reduce_boolean_decision(finite, all=True))
        if finite:
            self.consecutive_nonfinite_steps = 0
            return
        for parameter in self.parameters():
            parameter.grad = None
        self.nonfinite_steps_skipped += 1
        self.consecutive_nonfinite_steps += 1
        self.log("train/nonfinite_steps_skipped", float(self.nonfinite_steps_skipped))
        logger.warning(
            "step %d: non-finite loss or gradient, update skipped (%d in a row, %d in total)",
            self.global_step,
            self.consecutive_nonfinite_steps,
            self.nonfinite_steps_skipped,
        )
        limit = self.train_cfg.max_consecutive_nonfinite_losses
        if limit > 0 and self.consecutive_nonfinite_steps >= limit:
            raise NonFiniteLossError(
                f"training stopped at step {self.global_step}: {self.consecutive_nonfinite_steps} consecutive "
                f"non-finite losses (train.max_consecutive_nonfinite_losses={limit}); the weights were not "
                f"updated by them and the last good checkpoint in {self.output_dir / 'checkpoints'} is kept. "
                "Lower optimizer.lr or check the data."
            )

    def configure_optimizers(self):
        optimizer, scheduler = build_optimizer(self, self.optimizer_cfg, self.trainer.max_steps)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step", "frequency": 1}}

    def on_save_checkpoint(self, checkpoint: dict[str, Any]) -> None:
        checkpoint["nonfinite_steps_skipped"] = self.nonfinite_steps_skipped

    def on_load_checkpoint(self, checkpoint: dict[str, Any]) -> None:
        self.nonfinite_steps_skipped = int(checkpoint.get("nonfinite_steps_skipped", 0))

    # ---------------------------------------------------------------- validation
    def validation_step(self, batch: BatchedExample, batch_idx: int) -> None:
        batch = self.data_shim(batch)
        target = batch["target"]
        _, _, _, height, width = target["image"].shape
        encoded = self.encoder(batch["context"], self.global_step, deterministic=False)
        ground_truth_depth = batch["context"].get("depth")
        if encoded.get("depths") is not None and ground_truth_depth is not None:
            final_depths = encoded["depths"][-target["image"].shape[0] :]
            for name, value in batch_depth_metrics(final_depths, ground_truth_depth).items():
                if name in ("depth_abs_rel", "depth_delta1"):
                    self.log(f"val/{name}_val", value, sync_dist=True)
        if self.train_cfg.forward_depth_only or encoded.get("gaussians") is None:
            return
        gaussians, _ = split_gaussians_by_scale(encoded["gaussians"], target["image"].shape[0])
        output = self._render(gaussians, target, (height, width))
        prediction = output.color.flatten(0, 1)
        ground_truth = target["image"].flatten(0, 1)
        for name, metric in metric_functions().items():
            self.log(f"val/{name}_val", metric(ground_truth, prediction).mean(), sync_dist=True)

    # ---------------------------------------------------------------------- test
    def _reset_test_state(self) -> None:
        self.test_scenes: list[SceneResult] = []
        self.test_skipped: list[str] = []
        self.timing_skip = {"encoder": 0, "decoder": 0}
        self.benchmarker = Benchmarker()

    def on_test_start(self) -> None:
        self._reset_test_state()
        self.benchmarker.device = self.device
        unsupported = [name for name in UNSUPPORTED_TEST_OUTPUTS if getattr(self.test_cfg, name)]
        if unsupported:
            logger.warning("test.%s: not implemented in splatbench yet; ignored", ", test.".join(unsupported))

    def test_step(self, batch: BatchedExample, batch_idx: int) -> None:
        if SKIPPED_MARKER in batch:
            # The data layer already logged why; only scenes the index asks for count as skipped.
            scenes = batch["scene"] if isinstance(batch["scene"], list) else [batch["scene"]]
            self.test_skipped.extend(
                s for s in scenes if self.evaluation_scenes is None or s in self.evaluation_scenes
            )
            return
        (scene,) = batch["scene"]
        try:
            self._test_scene(batch, batch_idx, scene)
        except ValueError as error:
            # One bad scene must not end a long evaluation; it is counted and reported.
            logger.warning("scene %s skipped: %s", scene, error)
            self.test_skipped.append(scene)

    def _test_scene(self, batch: BatchedExample, batch_idx: int, scene: str) -> None:
        batch = self.data_shim(batch)
        context, target = batch["context"], batch["target"]
        batch_size, num_targets, _, height, width = target["image"].shape
        if batch_size != 1:
            raise ValueError(f"test mode needs data_loader.test.batch_size=1, got {batch_size}")
        images_dir = scene_image_dir(self.output_dir, scene)

        if self.test_cfg.save_input_images:
            for index, image in zip(context["index"][0].tolist(), context["image"][0]):
                save_image(image, images_dir / "color" / f"input_{index:06d}.png")

        with self.benchmarker.time("encoder"):
            encoded = self.encoder(context, self.global_step, deterministic=False)
        # A depth-only encoder (train_depth_only) gives depths and no Gaussians.
        depth_only = self.train_cfg.forward_depth_only or encoded.get("gaussians") is None
        gaussians = None if encoded.get("gaussians") is None else split_gaussians_by_scale(encoded["gaussians"], batch_size)[0]
        if self.test_cfg.save_gaussian and gaussians is not None:
            num_views, _, context_height, context_width = context["image"].shape[1:]
            per_pixel = gaussians.means.shape[1] == num_views * context_height * context_width
            keep = border_mask(num_views, context_height, context_width) if per_pixel else None
            export_gaussians_ply(gaussians, self.output_dir / "gaussians" / f"{scene}.ply", keep)

        if self.test_cfg.save_depth and encoded.get("depths") is not None:
            # Two-scale encoders stack coarse depths ahead of the final ones on the batch axis.
            final_depths = encoded["depths"][-batch_size:]
            self._save_depths(final_depths[0], context["index"][0].tolist(), images_dir / "depth")
            if self.test_cfg.save_depth_concat_img:
                # The context images in one row over their colourised inverse depths.
                images = np.concatenate([image_to_uint8(image) for image in context["image"][0]], axis=1)
                depths = np.concatenate([colorize_inverse_depth(depth) for depth in final_depths[0]], axis=1)
                save_png(np.concatenate([images, depths], axis=0), images_dir / "depth" / f"img_depth_{scene}.png")
        metrics: dict[str, float] = {}
        if encoded.get("depths") is not None and context.get("depth") is not None and self.test_cfg.compute_scores:
            metrics.update(scene_depth_metrics(encoded["depths"][-batch_size:][0], context["depth"][0]))
        if depth_only:
            if batch_idx < self.test_cfg.eval_time_skip_steps:
                self.timing_skip["encoder"] += 1
            if metrics:
                self._record_scene(scene, context, target, metrics, batch_idx)
            return

        with self.benchmarker.time("decoder", num_calls=num_targets):
            color = self._render_targets(gaussians, target, (height, width))

        prediction, ground_truth = color[0], target["image"][0]
        if self.test_cfg.save_image:
            for index, image, gt in zip(target["index"][0].tolist(), prediction, ground_truth):
                save_image(image, images_dir / "color" / f"{index:06d}.png")
                if self.test_cfg.save_gt_image:
                    save_image(gt, images_dir / "color" / f"{index:06d}_gt.png")

        if batch_idx < self.test_cfg.eval_time_skip_steps:
            self.timing_skip["encoder"] += 1
            self.timing_skip["decoder"] += num_targets
        if not self.test_cfg.compute_scores:
            return
        metrics.update({name: float(fn(ground_truth, prediction).mean()) for name, fn in metric_functions().items()})
        self._record_scene(scene, context, target, metrics, batch_idx)

    def _record_scene(self, scene: str, context: dict, target: dict, metrics: dict[str, float], batch_idx: int) -> None:
        if not all(np.isfinite(list(metrics.values()))):
            raise ValueError(f"non-finite metrics {metrics}")
        self.test_scenes.append(
            SceneResult(
                scene=scene,
                context_indices=context["index"][0].tolist(),
                target_indices=target["index"][0].tolist(),
                metrics=metrics,
                order=(batch_idx, self.global_rank),
            )
        )

    def _render_targets(
        self, gaussians: Gaussians, target: dict, image_shape: tuple[int, int]
    ) -> Float[Tensor, "batch view 3 height width"]:
        chunk = self.test_cfg.render_chunk_size or target["extrinsics"].shape[1]
        colors = []
        for start in range(0, target["extrinsics"].shape[1], chunk):
            views = {k: target[k][:, start : start + chunk] for k in ("extrinsics", "intrinsics", "near", "far")}
            colors.append(self._render(gaussians, views, image_shape).color)
        return torch.cat(colors, dim=1)

    def _save_depths(self, depths: Float[Tensor, "view height width"], indices: list[int], depth_dir: Path) -> None:
        for index, depth in zip(indices, depths):
            save_png(colorize_inverse_depth(depth), depth_dir / f"{index:06d}.png")
            if self.test_cfg.save_depth_npy:
                buffer = io.BytesIO()
                np.save(buffer, depth.detach().float().cpu().numpy())
                atomic_write_bytes(depth_dir / f"{index:06d}.npy", buffer.getvalue())

    def on_test_epoch_end(self) -> None:
        local = TestReport(
            scenes=self.test_scenes,
            skipped=self.test_skipped,
            timings={k: list(v) for k, v in self.benchmarker.execution_times.items()},
            timing_skip=dict(self.timing_skip),
            peak_memory=peak_memory_bytes(self.device),
        )
        report = gather_reports(local, self.trainer.world_size)
        if self.trainer.is_global_zero:
            metrics_dir = Path(self.test_cfg.output_path)
            write_test_metrics(metrics_dir, report, self.test_cfg.compute_scores)
            for name, value in report.averages().items():
                logger.info("%s %s", name, value)
            for tag, (calls, mean) in report.timing_summary().items():
                logger.info("%s: %d calls, avg. %s seconds per call", tag, calls, mean)
        self.last_test_report = report
