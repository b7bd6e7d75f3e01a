/**
 * The face models: @vladmandic/face-api's SSD MobileNet v1 detector, 68-point landmarks and the
 * 128-d recognition network, read from the package's `model/` folder, on TensorFlow.js's WASM
 * backend with the .wasm files of @tensorflow/tfjs-backend-wasm's own `dist/` (read from disk, no
 * network; no native addon). Loaded once per process, on first use or by warmUpFaceModels().
 */
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';

export { faceapi, tf };

const MODEL_DIRECTORY = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
const WASM_DIRECTORY = `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`;

let loaded: Promise<void> | undefined;

async function load(): Promise<void> {
  setWasmPaths(WASM_DIRECTORY);
  if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js WASM backend did not start');
  await tf.ready();
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(MODEL_DIRECTORY);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(MODEL_DIRECTORY);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(MODEL_DIRECTORY);
}

/** Resolves once the backend and the three networks are ready; a failed load is retried next time. */
export function faceModels(): Promise<void> {
  loaded ??= load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

export const warmUpFaceModels = faceModels;
