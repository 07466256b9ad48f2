import { ErrorCode } from '@akiwa/contracts';
import { AppException } from '../common/errors/app.exception';
import { ProfileTexts } from '../common/errors/texts';

/** The largest upload accepted (before resizing). */
export const MAX_PHOTO_UPLOAD_BYTES = 8 * 1024 * 1024;
/** Photos are stored at most this many pixels on their longer side. */
export const MAX_PHOTO_EDGE = 1600;
/** The formats taken in (what phones and cameras produce); everything is stored as JPEG. */
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif', 'avif', 'gif', 'tiff']);

export interface ProcessedPhoto {
  content: Buffer;
  width: number;
  height: number;
}

export const notAnImage = () =>
  AppException.invalidField('photo', 'not_image', ProfileTexts.notAnImage);

export const photoTooLarge = () =>
  AppException.invalidField('photo', 'too_large', ProfileTexts.photoTooLarge(MAX_PHOTO_UPLOAD_BYTES / 1024 / 1024));

/**
 * Decodes, turns upright (EXIF orientation), shrinks to MAX_PHOTO_EDGE and re-encodes as JPEG. sharp
 * writes no metadata unless asked (`keepMetadata`/`withMetadata`), so EXIF — with its GPS position of
 * the home — XMP and ICC comments are not carried into the stored photo. sharp is loaded on first
 * use (a native module: the rest of the API never needs it).
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  const sharp = await loadSharp();
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: 50_000_000 }).metadata()).format;
  } catch {
    throw notAnImage();
  }
  if (!format || !IMAGE_FORMATS.has(format)) throw notAnImage();
  try {
    const { data, info } = await sharp(input, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: MAX_PHOTO_EDGE, height: MAX_PHOTO_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { content: data, width: info.width, height: info.height };
  } catch {
    throw notAnImage(); // a truncated or corrupt file that passed the header check
  }
}

/** The part of sharp's API used here. */
interface SharpPipeline {
  metadata(): Promise<{ format?: string }>;
  rotate(): SharpPipeline;
  resize(options: { width: number; height: number; fit: 'inside'; withoutEnlargement: boolean }): SharpPipeline;
  jpeg(options: { quality: number }): SharpPipeline;
  toBuffer(options: { resolveWithObject: true }): Promise<{ data: Buffer; info: { width: number; height: number } }>;
}
type Sharp = (input: Buffer, options: { limitInputPixels: number }) => SharpPipeline;

/**
 * sharp, loaded on first use by a name the compiler does not resolve: an installation that has not
 * yet fetched this native dependency still builds and serves everything else, and an upload there
 * answers 503 instead of the API failing to start.
 */
async function loadSharp(): Promise<Sharp> {
  const name = 'sharp';
  try {
    const mod = (await import(name)) as { default: Sharp };
    return mod.default;
  } catch {
    throw new AppException(ErrorCode.ServiceUnavailable, ProfileTexts.imageProcessingUnavailable);
  }
}
