/** 空き輪 / Akiwa: both names, each in its language (the English one is hidden on narrow phones). */
export function BrandName() {
  return (
    <>
      <span className="brand-ja" lang="ja">
        空き輪
      </span>
      <span className="brand-en" lang="en">
        Akiwa
      </span>
    </>
  );
}
