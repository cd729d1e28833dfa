#!/usr/bin/env bash
# GPU figures for issue 12 (speed): splatbench bench beside the reference encoder, training
# throughput, profiles, and the fp32 golden re-check on CUDA. Run from the repository root on the
# GPU machine; results under $OUT/speed/. Optional inputs (never committed):
#   REFERENCE_SRC=path/to/cvg-depthsplat  REFERENCE_DINOV2=path/to/facebookresearch-dinov2
#   TRAIN_DATA=chunk dataset root (default: a small example set built here at 256x256)
# CPU check of this script: bash scripts/gpu/speed.sh --smoke
set -uo pipefail
# Run from the checkout that holds this script (its splatbench must win over any other on the path).
cd "$(dirname "$0")/../.." || exit 2
OUT=${OUT:-outputs}
mkdir -p "$OUT/speed"
export PYTHONUNBUFFERED=1 TORCH_CUDA_ARCH_LIST=${TORCH_CUDA_ARCH_LIST:-9.0} MAX_JOBS=${MAX_JOBS:-16}
PY=${PY:-python3}
SMOKE=${1:-}

reference=()
if [[ -n "${REFERENCE_SRC:-}" ]]; then
  reference=(--reference-src "$REFERENCE_SRC")
  [[ -n "${REFERENCE_DINOV2:-}" ]] && reference+=(--reference-dinov2 "$REFERENCE_DINOV2")
fi

if [[ "$SMOKE" == "--smoke" ]]; then
  $PY -m splatbench bench --smoke --device cpu --out "$OUT/speed/bench" --overwrite
  exit $?
fi

# 1. fp32 goldens on CUDA (TF32 off): the reference's recorded outputs to 1e-4.
timeout 90 $PY - <<'PY' 2>&1 | tee "$OUT/speed/goldens.txt"
import numpy as np, torch
from pathlib import Path
from splatbench.model.encoder.config import encoder_preset
from splatbench.model.encoder.depthsplat import EncoderDepthSplat
from splatbench.model.encoder.graphed import GraphedEncoder
from splatbench.model.generated_weights import fill_weights_from_names
torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = False
for name, preset in [("depthsplat_small_v2_64", "small"), ("depthsplat_small_v4_64", "small"), ("depthsplat_base_v2_64", "base")]:
    g = dict(np.load(Path("tests/encoder/golden") / f"{name}.npz"))
    enc = fill_weights_from_names(EncoderDepthSplat(encoder_preset(preset)).eval(), prefix="encoder.").cuda()
    ctx = {"image": torch.from_numpy(g["image_u8"]).float().div(255).cuda()}
    ctx.update({k: torch.from_numpy(g[k]).cuda() for k in ("intrinsics", "extrinsics", "near", "far")})
    idx = torch.from_numpy(g["gaussian_index"]).cuda()
    for label, run in (("eager", enc), ("graphed", GraphedEncoder(enc))):
        with torch.no_grad():
            out = run(ctx)
        gs = out["gaussians"]
        ours = {"depths": out["depths"], "opacities": gs.opacities, "means": gs.means[:, idx], "covariances": gs.covariances[:, idx], "harmonics": gs.harmonics[:, idx]}
        diffs = {k: float((v.float().cpu() - torch.from_numpy(g[k]).float()).abs().max()) for k, v in ours.items()}
        print(f"golden {name} {label}: " + ", ".join(f"{k} {v:.2e}" for k, v in diffs.items()))
PY

# 2. Inference beside the reference: the 2- and 6-view cases, then the 12-view case (bf16 and
#    TF32 timed; fp32 computed once as the yardstick of the drift figures).
timeout ${BENCH_TIMEOUT:-170} $PY -m splatbench bench --out "$OUT/speed/bench" --overwrite "${reference[@]}" \
  --cases small_2v_256 base_2v_256 large_2v_256 small_6v_256x448 --repeats 10 --warmup 3 \
  --profile small_2v_256:bf16 small_2v_256:tf32 > /tmp/bench.log 2>&1
grep -v "it/s\]" /tmp/bench.log | grep -v -i warn | tail -n 12 | cut -c1-400
timeout ${BENCH_12V_TIMEOUT:-110} $PY -m splatbench bench --out "$OUT/speed/bench_12v" --overwrite "${reference[@]}" \
  --cases small_12v_512x960 --precisions bf16 tf32 --repeats 5 --warmup 2 \
  --profile small_12v_512x960:bf16 > /tmp/bench_12v.log 2>&1
grep -v "it/s\]" /tmp/bench_12v.log | grep -v -i warn | tail -n 12 | cut -c1-400

# 3. Training throughput (real data loading through the training data module).
TRAIN_DATA=${TRAIN_DATA:-}
if [[ -z "$TRAIN_DATA" ]]; then
  TRAIN_DATA=/tmp/speed_train_data
  $PY -m splatbench data example "$TRAIN_DATA" --num-scenes 8 --num-test-scenes 1 --num-frames 24 \
    --image-shape 256 256 --no-middlebury > /dev/null
fi
for run in "bf16 on" "fp32 on" "bf16 off"; do
  set -- $run
  timeout ${TRAIN_TIMEOUT:-55} $PY -m splatbench bench --cases --train-data "$TRAIN_DATA" --out "$OUT/speed/train_$1_lpips_$2" \
    --overwrite --train-steps 15 --train-warmup 3 --train-precisions "$1" --train-lpips "$2" > /tmp/train_$1_$2.log 2>&1
  grep -i "error\|samples" /tmp/train_$1_$2.log | tail -n 3 | cut -c1-400
done

# 4. One training report (the device returns at most 8 files).
$PY - "$OUT/speed" <<'PY'
import json, sys
from pathlib import Path
from splatbench.evaluation.speed import markdown_report
root = Path(sys.argv[1])
merged = {"environment": None, "cases": {}, "training": {}}
for path in sorted(root.glob("train_*/bench.json")):
    part = json.loads(path.read_text())
    merged["environment"] = part["environment"]
    merged["training"].update(part.get("training", {}))
if merged["environment"]:
    (root / "train.json").write_text(json.dumps(merged, indent=1))
    (root / "train.md").write_text(markdown_report(merged))
    print(markdown_report(merged))
PY
rm -rf "$OUT"/speed/train_*
