// Entry point of viewer.js, the single script inlined into every viewer.html.
// It exposes window.splatbenchViewer.show(config, plyBytes) for the page's own start-up code.
import * as THREE from "three";
import * as GaussianSplats3D from "@mkkellogg/gaussian-splats-3d";

// Input cameras as wireframe pyramids: apex at the camera centre, base on the image plane at `size`.
function cameraFrustums(cameras, size) {
  const points = [];
  for (const camera of cameras) {
    const c2w = new THREE.Matrix4().fromArray(camera.c2w).transpose(); // row-major -> three.js column-major
    const [fx, fy, cx, cy] = camera.k; // normalised intrinsics
    const corners = [[0, 0], [1, 0], [1, 1], [0, 1]].map(([u, v]) =>
      new THREE.Vector3(((u - cx) / fx) * size, ((v - cy) / fy) * size, size).applyMatrix4(c2w));
    const apex = new THREE.Vector3(0, 0, 0).applyMatrix4(c2w);
    for (let i = 0; i < 4; i++) {
      points.push(apex, corners[i], corners[i], corners[(i + 1) % 4]);
    }
  }
  const geometry = new THREE.BufferGeometry().setFromPoints(points);
  return new THREE.LineSegments(geometry, new THREE.LineBasicMaterial({ color: 0xff7f0e }));
}

async function show(config, plyBytes, rootElement) {
  const scene = new THREE.Scene();
  if (config.cameras && config.cameras.length) scene.add(cameraFrustums(config.cameras, config.frustumSize));
  const viewer = new GaussianSplats3D.Viewer({
    rootElement,
    threeScene: scene,
    cameraUp: config.up,
    initialCameraPosition: config.position,
    initialCameraLookAt: config.lookAt,
    // SharedArrayBuffer needs cross-origin isolation, which a page opened from file:// never has.
    sharedMemoryForWorkers: false,
    gpuAcceleratedSort: false,
    sphericalHarmonicsDegree: config.shDegree,
    logLevel: GaussianSplats3D.LogLevel.None,
    sceneRevealMode: GaussianSplats3D.SceneRevealMode.Instant,
  });
  const splatBuffer = await GaussianSplats3D.PlyLoader.loadFromFileData(
    plyBytes.buffer, config.minimumAlpha, 0, true, config.shDegree);
  await viewer.addSplatBuffers([splatBuffer], [{ splatAlphaRemovalThreshold: config.minimumAlpha }], true, false, false);
  viewer.start();
  return viewer;
}

window.splatbenchViewer = { show };
