import { existsSync } from 'node:fs'
import type * as Preset from '@docusaurus/preset-classic'
import type { Config } from '@docusaurus/types'
import { themes as prismThemes } from 'prism-react-renderer'

const repo = new URL('../../', import.meta.url).pathname

/**
 * The packages of the API reference: each public package whose `src/index.ts` exists. The adapters
 * are written in parallel with the site, so one that is not there yet is simply left out.
 */
const apiPackages = ['core', 'server', 'react', 'vue', 'angular']
  .map((name) => `${repo}packages/${name}`)
  .filter((dir) => existsSync(`${dir}/src/index.ts`) && existsSync(`${dir}/package.json`))

const config: Config = {
  title: 'cometchat-connection',
  tagline: "A realtime chat app's WebSocket connection, right through login, background and network loss",
  favicon: 'img/favicon.svg',
  url: 'https://cometchat-connection.example',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  trailingSlash: false,
  future: { v4: true, faster: true },
  markdown: {
    // .md files are CommonMark (the included PROTOCOL.md and decisions.md); .mdx files are MDX.
    format: 'detect',
    hooks: { onBrokenMarkdownLinks: 'throw' },
  },
  i18n: { defaultLocale: 'en', locales: ['en'] },
  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          routeBasePath: 'docs',
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],
  plugins: [
    [
      'docusaurus-plugin-typedoc',
      {
        entryPoints: apiPackages,
        entryPointStrategy: 'packages',
        packageOptions: {
          entryPoints: ['src/index.ts'],
          // Each package page shows its @packageDocumentation comment; the READMEs' repository links
          // would not resolve on the site (the guides cover the READMEs).
          readme: 'none',
          disableSources: true,
          // The packages' own typecheck tasks check types; here only the documentation is wanted.
          skipErrorChecking: true,
          excludePrivate: true,
          excludeInternal: true,
        },
        name: 'API reference',
        out: 'docs/api',
        readme: 'none',
        hideGenerator: true,
        disableSources: true,
        sidebar: { pretty: true },
        // Links to types of packages outside the reference (React, Vue, Angular) are left as plain text.
        validation: { notExported: false, invalidLink: true, notDocumented: false },
      },
    ],
  ],
  themeConfig: {
    navbar: {
      title: 'cometchat-connection',
      logo: { alt: '', src: 'img/favicon.svg' },
      items: [
        { type: 'docSidebar', sidebarId: 'guide', position: 'left', label: 'Docs' },
        { to: '/docs/api', label: 'API', position: 'left' },
        { to: '/docs/playground', label: 'Playground', position: 'left' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Docs',
          items: [
            { label: 'Getting started', to: '/docs/getting-started' },
            { label: 'Concepts', to: '/docs/concepts/modes' },
            { label: 'Errors', to: '/docs/concepts/errors' },
          ],
        },
        {
          title: 'More',
          items: [
            { label: 'Playground', to: '/docs/playground' },
            { label: 'Protocol', to: '/docs/protocol' },
            { label: 'Decisions', to: '/docs/decisions' },
          ],
        },
      ],
      copyright: 'MIT licensed.',
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.dracula,
      additionalLanguages: ['bash', 'json'],
    },
  } satisfies Preset.ThemeConfig,
}

export default config
