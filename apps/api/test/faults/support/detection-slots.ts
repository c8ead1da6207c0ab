/** Int32 slots the fault suite shares with its detection worker (see faulty-detection.worker.ts). */
export const THROW_SLOT = 0; // frames still to fail by throwing inside the worker
export const CRASH_SLOT = 1; // frames still to fail by killing the worker thread
export const SLOT_COUNT = 2;
