import { Image } from 'antd';

/** Thumbnails that open a swipeable preview. */
export function PhotoGrid({ photos, size = 88 }: { photos: { id: number; url: string }[]; size?: number }) {
  if (photos.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="photos">
        {photos.map((p) => (
          <Image key={p.id} src={p.url} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 8 }} alt="" />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}
