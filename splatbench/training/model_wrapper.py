"""The Lightning module: one training step (losses, intermediate scales, non-finite loss guard) and
validation metrics. Test mode's hooks come from ``evaluation/test_mode.py`` (the one evaluation loop)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

import pytorch_lightning as pl
import torch
from torch import Tensor, nn

from splatbench.data.types import BatchedExample
from splatbench.evaluation.depth_metrics import batch_depth_metrics
from splatbench.evaluation.metrics import IMAGE_METRICS
from splatbench.evaluation.test_mode import TestModeHooks
from splatbench.loss.base import Predictions, ScalePrediction
from splatbench.geometry.gaussians import Gaussians, split_gaussians_by_scale
from splatbench.training.checkpointing import GLOBAL_STEP_METRIC
from splatbench.training.config import OptimizerCfg, TestCfg, TrainCfg
from splatbench.training.graphed_encoder import GraphedTrainingEncoder
from splatbench.training.optimizer import build_optimizer

logger = logging.getLogger(__name__)


class NonFiniteLossError(RuntimeError):
    """Raised after too many consecutive non-finite losses; earlier checkpoints are left untouched."""


def split_by_scale(stacked: Tensor | None, batch_size: int) -> list[Tensor]:
    """``[n * B, ...]`` stacked coarse to fine on the batch axis -> n tensors of ``[B, ...]``."""
    if stacked is None:
        return []
    if stacked.shape[0] % batch_size != 0:
        raise ValueError(f"encoder returned {stacked.shape[0]} depth sets for a batch of {batch_size}")
    return list(stacked.split(batch_size, dim=0))


def host_scalar(value: float) -> Tensor:
    """A number to ``self.log`` without a host-to-device copy (see ``training_step``)."""
    return torch.tensor(float(value))


def all_ranks_min(flags: Tensor) -> Tensor:
    """``flags`` (a bool/int vector on the training device) as int32, each entry its minimum over
    the ranks: one all-reduce queued on the device, nothing read back."""
    flags = flags.to(torch.int32).reshape(-1)
    if torch.distributed.is_available() and torch.distributed.is_initialized() and torch.distributed.get_world_size() > 1:
        torch.distributed.all_reduce(flags, op=torch.distributed.ReduceOp.MIN)
    return flags


def all_ranks_true(flags: Tensor) -> list[bool]:
    """Per entry of ``flags``: true on every rank? One all-reduce on the device, then one read back.
    Lightning's ``reduce_boolean_decision`` would add a barrier, a second host-to-device copy and a
    second read (each a host synchronisation)."""
    return [bool(value) for value in all_ranks_min(flags).tolist()]


class PendingFlags:
    """A small device tensor copied to the host without waiting for it: on CUDA into pinned memory
    behind an event, so :meth:`read` (a step later, when the copy is long done) does not drain the
    queue; elsewhere a plain copy."""

    def __init__(self, flags: Tensor) -> None:
        self.event = None
        if flags.is_cuda:
            self.host = torch.empty(flags.shape, dtype=flags.dtype, pin_memory=True)
            self.host.copy_(flags, non_blocking=True)
            self.event = torch.cuda.Event()
            self.event.record()
        else:
            self.host = flags.clone()

    def read(self) -> list[int]:
        if self.event is not None:
            self.event.synchronize()
        return [int(value) for value in self.host.tolist()]


def device_side_skip(optimizer: torch.optim.Optimizer) -> bool:
    """Whether ``optimizer`` can skip a step from a device flag: a fused Adam / AdamW (its kernel
    reads ``found_inf`` on the device and leaves weights, moments and step counts untouched)."""
    optimizer = getattr(optimizer, "optimizer", optimizer)  # Lightning's wrapper, if any
    return isinstance(optimizer, torch.optim.Adam | torch.optim.AdamW) and bool(optimizer.defaults.get("fused"))


class ModelWrapper(TestModeHooks, pl.LightningModule):
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
        self.nonfinite_steps_skipped = 0
        self.consecutive_nonfinite_steps = 0
        self._last_loss_finite: Tensor | bool = True
        # step_guard=async: (global step, the step's [finite, no SIGTERM] flags on their way to the host)
        self._pending_guard: tuple[int, PendingFlags] | None = None
        # Set by run.train under DDP (training/sigterm.py): SIGTERM agreed at the step's all-reduce.
        self.agreed_sigterm = None
        # Filled by on_test_epoch_end (TestModeHooks); run.py reads it to print tables.
        self.last_test_report = None

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
        encoded = self._training_encoder()(batch["context"], self.global_step, deterministic=False)
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

    @property
    def graphed_encoder(self) -> GraphedTrainingEncoder | None:
        """The CUDA-graphed training encoder once ``train.graph_encoder`` has built it, else None."""
        return self.__dict__.get("_graphed_encoder")

    def _training_encoder(self) -> Callable:
        """The encoder, or with ``train.graph_encoder`` its CUDA-graphed form (built on first use;
        with ``train.compile_encoder`` the graphs capture the compiled encoder)."""
        if not self.train_cfg.graph_encoder:
            if self.train_cfg.compile_encoder and not self.__dict__.get("_told_compile_needs_graphs"):
                self.__dict__["_told_compile_needs_graphs"] = True
                logger.warning("train.compile_encoder needs train.graph_encoder=true; the encoder runs eagerly")
            return self.encoder
        graphed = self.__dict__.get("_graphed_encoder")
        if graphed is None or graphed.encoder is not self.encoder:
            graphed = GraphedTrainingEncoder(self.encoder, compile=self.train_cfg.compile_encoder)
            self.__dict__["_graphed_encoder"] = graphed
        return graphed

    def training_step(self, batch: BatchedExample, batch_idx: int) -> Tensor:
        batch = self.data_shim(batch)
        target = batch["target"]
        predictions = self.predict_for_losses(batch)
        total_loss = torch.zeros((), device=target["image"].device)
        for loss_fn in self.losses:
            value = loss_fn(predictions, batch, self.global_step)
            self.log(f"loss/{loss_fn.name}", value)
            total_loss = total_loss + value

        # Kept on the device: read back once, together with the gradient check, before the update.
        self._last_loss_finite = torch.isfinite(total_loss.detach())
        # Not a progress-bar metric: Lightning reads those back (.item()) after every step, a host
        # synchronisation; training/progress.py shows the loss on logging steps from callback_metrics.
        self.log("loss/total", total_loss)
        final = predictions.final
        with torch.no_grad():
            if final.color is not None:
                psnr = IMAGE_METRICS["psnr"](target["image"].flatten(0, 1), final.color.flatten(0, 1)).mean()
                self.log("train/psnr", psnr)
            ground_truth = batch["context"].get("depth")
            if final.context_depth is not None and ground_truth is not None:
                depth_metrics = batch_depth_metrics(final.context_depth, ground_truth)
                for name in ("depth_abs_rel", "depth_delta1"):
                    if name in depth_metrics:
                        self.log(f"train/{name}", depth_metrics[name])
        self.log("info/near", target["near"].float().mean())
        self.log("info/far", target["far"].float().mean())
        # Host numbers are logged as CPU tensors: Lightning would copy a Python number to the GPU,
        # and that copy waits for all the work queued so far (here: the whole forward pass).
        self.log("info/context_views", host_scalar(batch["context"]["image"].shape[1]))
        self.log(GLOBAL_STEP_METRIC, host_scalar(self.global_step))
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

        The decision is agreed across DDP ranks (one all-reduce on the device), so all of them skip
        together; a SIGTERM on any rank travels with it. With ``train.step_guard=async`` and a fused
        AdamW, the optimizer applies the decision itself (``found_inf``: weights, moments and step
        counts untouched) and the host reads it one step later, for the counters, the warning and
        the stop after too many in a row: the step has no host synchronisation. Otherwise the
        decision is read back here (the step's one host synchronisation) and a skipped step drops
        every gradient, which makes AdamW leave the weights and its moments untouched.
        """
        self._resolve_pending_guard()
        self._check_nonfinite_limit()
        grads = [p.grad for p in self.parameters() if p.grad is not None]
        # One fused norm over all gradients: non-finite iff some gradient entry is (or it overflows).
        finite_tensor = torch.as_tensor(self._last_loss_finite, device=self.device)
        if grads:
            finite_tensor = finite_tensor & torch.isfinite(torch.nn.utils.get_total_norm(grads))
        # With the SIGTERM flag (see training/sigterm.py); a host number through full_like, so no copy.
        no_sigterm = int(self.agreed_sigterm is None or not self.agreed_sigterm.pending)
        finite_flag = finite_tensor.to(torch.int32).reshape(1)
        flags = all_ranks_min(torch.cat([finite_flag, torch.full_like(finite_flag, no_sigterm)]))
        torch_optimizer = getattr(optimizer, "optimizer", optimizer)
        if self.train_cfg.step_guard == "async" and device_side_skip(torch_optimizer) and not self._scales_gradients():
            torch_optimizer.found_inf = (1 - flags[0]).to(torch.float32)
            self._pending_guard = (self.global_step, PendingFlags(flags))
            return
        finite, keep_running = (bool(value) for value in flags.tolist())
        if not finite:
            for parameter in self.parameters():
                parameter.grad = None
        self._record_guard(self.global_step, finite, keep_running)
        self._check_nonfinite_limit()

    def _scales_gradients(self) -> bool:
        """Whether Lightning's precision plugin runs a gradient scaler (it sets ``found_inf`` itself)."""
        trainer = self._trainer
        return trainer is not None and getattr(trainer.precision_plugin, "scaler", None) is not None

    def _resolve_pending_guard(self) -> None:
        """Book the previous step's device decision (step_guard=async), if one is on its way."""
        if self._pending_guard is None:
            return
        step, pending = self._pending_guard
        self._pending_guard = None
        finite, keep_running = (bool(value) for value in pending.read())
        self._record_guard(step, finite, keep_running)

    def _record_guard(self, step: int, finite: bool, keep_running: bool) -> None:
        if not keep_running and self.agreed_sigterm is not None:
            self.agreed_sigterm.agreed()
        if finite:
            self.consecutive_nonfinite_steps = 0
            return
        self.nonfinite_steps_skipped += 1
        self.consecutive_nonfinite_steps += 1
        if self._trainer is not None and self.trainer.training and self._current_fx_name == "on_before_optimizer_step":
            self.log("train/nonfinite_steps_skipped", host_scalar(self.nonfinite_steps_skipped))
        logger.warning(
            "step %d: non-finite loss or gradient, update skipped (%d in a row, %d in total)",
            step,
            self.consecutive_nonfinite_steps,
            self.nonfinite_steps_skipped,
        )

    def _check_nonfinite_limit(self) -> None:
        limit = self.train_cfg.max_consecutive_nonfinite_losses
        if limit > 0 and self.consecutive_nonfinite_steps >= limit:
            raise NonFiniteLossError(
                f"training stopped at step {self.global_step}: {self.consecutive_nonfinite_steps} consecutive "
                f"non-finite losses (train.max_consecutive_nonfinite_losses={limit}); the weights were not "
                f"updated by them and the last good checkpoint in {self.output_dir / 'checkpoints'} is kept. "
                "Lower optimizer.lr or check the data."
            )

    def on_train_end(self) -> None:
        # The last step's decision (step_guard=async) still counts, and may stop the run.
        self._resolve_pending_guard()
        self._check_nonfinite_limit()

    def configure_optimizers(self):
        optimizer, scheduler = build_optimizer(self, self.optimizer_cfg, self.trainer.max_steps)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step", "frequency": 1}}

    def on_save_checkpoint(self, checkpoint: dict[str, Any]) -> None:
        self._resolve_pending_guard()  # the step just taken is counted in the checkpoint
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
        for name, metric in IMAGE_METRICS.items():
            self.log(f"val/{name}_val", metric(ground_truth, prediction).mean(), sync_dist=True)
