import { useEffect, useState } from 'react';
import { Skeleton } from './States';
import { useTranslation } from 'react-i18next';

/**
 * A QR code of `payload` as an <img> (a data: URL, which the CSP allows), with `alt` saying what it
 * holds: whoever cannot scan it gets the same details as text beside it.
 */
export function QrCode({ payload, alt, size = 208 }: { payload: string; alt: string; size?: number }) {
  const { t } = useTranslation('components');

  const [image, setImage] = useState<{ payload: string; url: string } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    // Loaded on first use: most screens never draw a QR code.
    import('qrcode')
      .then(({ toDataURL }) => toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: size }))
      .then((url) => live && setImage({ payload, url }))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [payload, size]);

  if (failed) return <p className="muted">{t('theQrCodeCould')}</p>;
  if (!image || image.payload !== payload) return <Skeleton width={`${size}px`} height={`${size}px`} />;
  return <img className="qr-code" src={image.url} width={size} height={size} alt={alt} />;
}
