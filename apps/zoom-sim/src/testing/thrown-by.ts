import { ZoomSimException } from '../scim-http/zoom-sim.exception';

/** The ZoomSimException `run` throws; fails the test when it throws nothing or something else. */
export function thrownBy(run: () => unknown): ZoomSimException {
  try {
    run();
  } catch (error) {
    if (error instanceof ZoomSimException) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ZoomSimException, but nothing was thrown');
}
