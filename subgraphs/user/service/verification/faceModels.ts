/**
 * The face models: @vladmandic/face-api's SSD MobileNet v1 detector, 68-point landmarks and the
 * 128-d recognition network, read from the package's `model/` folder, on TensorFlow.js's WASM
 * backend with the .wasm files of @tensorflow/tfjs-backend-wasm's own `dist/` (read from disk, no
 * network; no native addon). Loaded once per process, on first use or by warmUpFaceModels().
 *
 * The libraries themselves are imported by the load, not by this module: evaluating TensorFlow.js
 * registers hundreds of kernels (and warns about each one registered twice), which every process
 * and every test that starts the user center would otherwise pay for without ever matching a face.
 */
import { dirname, join } from 'node:path';
import type * as TensorFlow from '@tensorflow/tfjs';

export type { TensorFlow };
export type FaceApi = typeof import('@vladmandic/face-api/dist/face-api.node-wasm.js');

/** The loaded libraries, with the backend started and the three networks read. */
export interface FaceLibraries {
  tf: typeof TensorFlow;
  faceapi: FaceApi;
}

const MODEL_DIRECTORY = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
const WASM_DIRECTORY = `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`;

let loaded: Promise<FaceLibraries> | undefined;

async function load(): Promise<FaceLibraries> {
  const [tf, { setWasmPaths }, faceapi] = await Promise.all([
    import('@tensorflow/tfjs'),
    import('@tensorflow/tfjs-backend-wasm'),
    import('@vladmandic/face-api/dist/face-api.node-wasm.js'),
  ]);
  setWasmPaths(WASM_DIRECTORY);
  if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js WASM backend did not start');
  await tf.ready();
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(MODEL_DIRECTORY);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(MODEL_DIRECTORY);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(MODEL_DIRECTORY);
  return { tf, faceapi };
}

/** Resolves once the backend and the three networks are ready; a failed load is retried next time. */
export function faceModels(): Promise<FaceLibraries> {
  loaded ??= load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

export async function warmUpFaceModels(): Promise<void> {
  await faceModels();
}
