/** Limits shared by server validation and web forms. */
export const limits = {
  pageSizeMax: 100,
  pageSizeDefault: 20,
  searchMax: 50,
  descriptionMax: 2000,
  noteMax: 1000,
  photosPerRequest: 6,
  photoBytesMax: 5 * 1024 * 1024,
  photoMimeTypes: ['image/jpeg', 'image/png', 'image/webp'] as const,
} as const;
