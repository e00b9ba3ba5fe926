import sprite from '@dkfds/img/all-svg-icons.svg?raw';

// dkfds' icon sprite, inlined once so <use href="#name"> works.
const symbols = sprite.slice(sprite.indexOf('<svg'));

export function IconSprite() {
  return <div className="hide-base-svg" aria-hidden="true" dangerouslySetInnerHTML={{ __html: symbols }} />;
}

export function Icon({ name, className }: { name: string; className?: string }) {
  return (
    <svg className={`icon-svg${className ? ' ' + className : ''}`} focusable="false" aria-hidden="true">
      <use href={`#${name}`} />
    </svg>
  );
}
