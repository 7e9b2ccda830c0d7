import type { ReactNode } from 'react'
import { PLAYGROUND_CSS } from './styles.js'

/**
 * The playground's `<style>` element. Set as inner HTML rather than as a text child: a static site
 * generator may minify the server-rendered CSS, and hydration must not compare it with the original.
 */
export function PlaygroundStyles(): ReactNode {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of this package, never user input
  return <style data-ccp-styles="" dangerouslySetInnerHTML={{ __html: PLAYGROUND_CSS }} />
}
