import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'bridge:is-public';

/** Marks a controller or route that app-level auth guards must let through (probes, scrapes). */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC_KEY, true);
