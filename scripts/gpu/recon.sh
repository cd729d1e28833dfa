#!/usr/bin/env bash
# Issue 15 on the GPU: train the tiny model briefly on three real scenes (Herz-Jesus-P8, castle-P19,
# entry-P10), hold out fountain-P11, and run `splatbench reconstruct` on fountain-P11. Writes under
# $OUT/recon/: fountain/ (gaussians.ply, viewer.html, videos, depth maps, reconstruction.json),
# video_frame.png (a frame of the interpolated video, colour | depth), viewer.png (when chromium is
# on this machine; otherwise take it on the CPU machine from the returned files:
#   python -m splatbench.reconstruct.screenshot OUT/recon/fountain/viewer.html OUT/recon/viewer.png),
# results.json and results.md.
#
#   bash scripts/gpu/recon.sh            # H200, about 5 minutes (gsplat JIT compile included)
#   bash scripts/gpu/recon.sh --smoke    # CPU, tiny sizes, 3 training steps (checks the script)
#
# Scenes: $RECON_SCENES, else .gpu_scenes/ (carried, built by scripts/gpu/make_carry.sh), else
# ../shared/data/real_scenes. Set RECON_CHECKPOINT to reuse a trained tiny-preset model, RECON_SHAPE="H W"
# for the image size, RECON_VIEWER_SPLATS to cap the viewer page (about 155 bytes per splat).
# No LPIPS and no validation run here: carry only .whl and .gpu_scenes (scripts/gpu/make_carry.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/recon_out}
JOB=recon
source scripts/gpu/script_env.sh "$@"

find_real_scenes "${RECON_SCENES:-}"

if [ "$SMOKE" = 1 ]; then
  STEPS=3; SHAPE="64 96"; BATCH=1; FRAMES=6; DEVICE=cpu; ACCEL=cpu; TRAIN_LIMIT=600; WORKERS=""
else
  STEPS=${RECON_STEPS:-3000}; SHAPE=${RECON_SHAPE:-256 384}; BATCH=8; FRAMES=60; DEVICE=cuda; ACCEL=gpu; TRAIN_LIMIT=${RECON_TRAIN_SECONDS:-230}
  WORKERS="data_loader.train.num_workers=8 data_loader.train.persistent_workers=true"
fi
read -r H W <<< "$SHAPE"

# --- training data: three scenes for training, fountain-P11 held out (it is only the val split).
# The scenes are in metres; the model is trained, as `reconstruct` runs it, at a normalised scale:
# each scene's COLMAP translations are scaled so that neighbouring cameras are 0.5 apart (context
# gaps of 2-4 frames: baselines 1-2), and reconstruct uses --baseline 2 for views 2 frames apart.
mkdir -p "$WORK/train_src" "$WORK/val_src"
$PY - "$SCENES" "$WORK" <<'PYEOF'
import sys
from pathlib import Path
import numpy as np
scenes, work = Path(sys.argv[1]), Path(sys.argv[2])
for name, split in (("Herz-Jesus-P8", "train_src"), ("castle-P19", "train_src"), ("entry-P10", "train_src"), ("fountain-P11", "val_src")):
    source, target = scenes / name, work / split / name
    (target / "sparse" / "0").mkdir(parents=True)
    (target / "images").symlink_to((source / "images").resolve())
    lines = (source / "sparse" / "0" / "images.txt").read_text().splitlines()
    rows = [i for i, line in enumerate(lines) if line and not line.startswith("#") and len(line.split()) >= 10 and line.split()[-1].lower().endswith((".jpg", ".png"))]
    def centre(parts):
        w, x, y, z = map(float, parts[1:5]); t = np.array(list(map(float, parts[5:8])))
        r = np.array([[1-2*(y*y+z*z), 2*(x*y-w*z), 2*(x*z+w*y)], [2*(x*y+w*z), 1-2*(x*x+z*z), 2*(y*z-w*x)], [2*(x*z-w*y), 2*(y*z+w*x), 1-2*(x*x+y*y)]])
        return -r.T @ t
    ordered = sorted(rows, key=lambda i: lines[i].split()[-1])
    centres = np.array([centre(lines[i].split()) for i in ordered])
    scale = 0.5 / float(np.median(np.linalg.norm(np.diff(centres, axis=0), axis=1)))
    for i in rows:
        parts = lines[i].split()
        parts[5:8] = [f"{float(v) * scale:.9f}" for v in parts[5:8]]
        lines[i] = " ".join(parts)
    (target / "sparse" / "0" / "images.txt").write_text("\n".join(lines) + "\n")
    for other in ("cameras.txt", "points3D.txt"):
        (target / "sparse" / "0" / other).write_text((source / "sparse" / "0" / other).read_text())
    print(f"{name}: translations x {scale:.4f}")
PYEOF
$PY -m splatbench data convert colmap "$WORK/train_src" "$WORK/data" --split train --context-gap 2 --num-targets 1 >/dev/null
$PY -m splatbench data convert colmap "$WORK/val_src" "$WORK/data" --split test --context-gap 2 --num-targets 1 --append >/dev/null

CKPT=${RECON_CHECKPOINT:-}
train_s=0
if [ -z "$CKPT" ]; then
  start=$(date +%s)
  # Stopped after TRAIN_LIMIT seconds at the latest (gsplat's first-use compile included); the newest
  # checkpoint (every 50 steps) is used.
  timeout "$TRAIN_LIMIT" $PY -m splatbench train +experiment=demo_tiny "dataset.roots=[$WORK/data]" \
    "dataset.image_shape=[$H,$W]" "dataset.ori_image_shape=[512,768]" dataset.near=0.5 dataset.far=100.0 \
    trainer.accelerator=$ACCEL trainer.max_steps=$STEPS data_loader.train.batch_size=$BATCH $WORKERS \
    checkpointing.every_n_train_steps=$([ "$SMOKE" = 1 ] && echo 3 || echo 50) checkpointing.save_top_k=1 \
    dataset.view_sampler.num_target_views=1 dataset.view_sampler.min_distance_between_context_views=2 \
    dataset.view_sampler.max_distance_between_context_views=4 dataset.view_sampler.warm_up_steps=0 \
    dataset.view_sampler.initial_min_distance_between_context_views=2 \
    dataset.view_sampler.initial_max_distance_between_context_views=4 \
    trainer.val_check_interval=1000000 train.print_log_every_n_steps=100 output_dir="$WORK/train" 2>&1 | tail -n ${RECON_LOG_LINES:-5} || true
  train_s=$(( $(date +%s) - start ))
  CKPT=$(ls -t "$WORK"/train/checkpoints/*.ckpt 2>/dev/null | head -n 1 || true)
  [ -n "$CKPT" ] || { echo "recon.sh: training wrote no checkpoint" >&2; exit 1; }
fi
echo "checkpoint: $CKPT (training ${train_s} s)"

FORMAT=mp4
$PY -c 'import imageio_ffmpeg' 2>/dev/null || FORMAT=png
start=$(date +%s)
$PY -m splatbench reconstruct "$SCENES/fountain-P11/images" --out "$RESULTS/fountain" --overwrite \
  --checkpoint "$CKPT" --preset tiny --views 0003.jpg,0005.jpg,0007.jpg --baseline 2 --near 0.5 --far 100 \
  --image-shape $H $W --video-frames $FRAMES --video-format $FORMAT --device $DEVICE --evaluate-held-out --viewer-max-splats ${RECON_VIEWER_SPLATS:-200000}
recon_s=$(( $(date +%s) - start ))

$PY - "$RESULTS" "$CKPT" "$train_s" "$recon_s" "$FORMAT" "$WORK/train" <<'PYEOF'
import csv, json, sys
from pathlib import Path
import numpy as np
from PIL import Image

results, ckpt, train_s, recon_s, fmt = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
summary = json.loads((results / "fountain" / "reconstruction.json").read_text())
video = summary["videos"]["interpolate"]
if fmt == "mp4":
    import imageio_ffmpeg
    reader = imageio_ffmpeg.read_frames(str(results / "fountain" / video["path"]))
    meta = next(reader)
    frames = [np.frombuffer(f, np.uint8).reshape(meta["size"][1], meta["size"][0], 3) for f in reader]
    frame = frames[len(frames) // 2]
else:
    frame = np.asarray(Image.open(results / "fountain" / video["path"] / f"{video['frames'] // 2:05d}.png"))
Image.fromarray(frame).save(results / "video_frame.png")
losses = {}
for log in sorted(Path(sys.argv[6]).glob("logs/version_*/metrics.csv")):
    with log.open() as handle:
        losses.update({int(r["step"]): float(r["loss/total"]) for r in csv.DictReader(handle) if r.get("loss/total")})
record = {
    "training_steps_logged": max(losses) + 1 if losses else None,
    "training_loss_first_last": [losses[min(losses)], losses[max(losses)]] if losses else None,
    "checkpoint": ckpt, "training_seconds": train_s, "reconstruct_seconds": recon_s, "video_format": fmt,
    "context_views": summary["context_views"], "image_shape": summary["image_shape"],
    "gaussians": summary["gaussians"], "videos": summary["videos"],
    "held_out_psnr_mean": summary["held_out_psnr"]["mean"] if summary["held_out_psnr"] else None,
    "held_out_psnr": summary["held_out_psnr"]["per_photo"] if summary["held_out_psnr"] else None,
}
from plyfile import PlyData
ply = results / "fountain" / "gaussians.ply"
record["ply_reloaded_vertices"] = PlyData.read(str(ply))["vertex"].count
record["ply_bytes"] = ply.stat().st_size
record["viewer_html_bytes"] = (results / "fountain" / "viewer.html").stat().st_size
(results / "results.json").write_text(json.dumps(record, indent=2) + "\n")
rows = [f"| {k} | {v} |" for k, v in record.items()]
(results / "results.md").write_text("| what | value |\n|---|---|\n" + "\n".join(rows) + "\n")
print("\n".join(rows))
PYEOF

if $PY -c 'from splatbench.reconstruct.screenshot import find_chromium; import sys; sys.exit(0 if find_chromium() else 1)'; then
  $PY -m splatbench.reconstruct.screenshot "$RESULTS/fountain/viewer.html" "$RESULTS/viewer.png" 960 640
else
  echo "no chromium here: take the viewer screenshot on the CPU machine:"
  echo "  python -m splatbench.reconstruct.screenshot $RESULTS/fountain/viewer.html $RESULTS/viewer.png 960 640"
fi
rm -rf "$WORK"
# The full .ply (tens of MB) was checked above; keep the returned files small unless asked.
[ "${RECON_KEEP_PLY:-0}" = 1 ] || rm -f "$RESULTS/fountain/gaussians.ply"
ls -la "$RESULTS"
