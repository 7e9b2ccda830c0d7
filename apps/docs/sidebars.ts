import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { SidebarsConfig } from '@docusaurus/plugin-content-docs'

type SidebarItems = SidebarsConfig[string]

// The API sidebar is generated with the API pages (docs/api, git-ignored) by docusaurus-plugin-typedoc.
const generated = new URL('./docs/api/typedoc-sidebar.cjs', import.meta.url).pathname
const apiItems: SidebarItems = existsSync(generated) ? createRequire(import.meta.url)(generated) : []

const sidebars: SidebarsConfig = {
  guide: [
    'intro',
    'getting-started',
    {
      type: 'category',
      label: 'Concepts',
      collapsed: false,
      items: [
        'concepts/modes',
        'concepts/background',
        'concepts/reconnection',
        'concepts/delivery',
        'concepts/tabs',
        'concepts/heartbeat',
        'concepts/state-machine',
        'concepts/errors',
      ],
    },
    {
      type: 'category',
      label: 'Guides',
      collapsed: false,
      items: [
        'guides/chat-screen-react',
        'guides/chat-screen-vue',
        'guides/chat-screen-angular',
        'guides/react',
        'guides/vue',
        'guides/angular',
        'guides/react-native',
        'guides/node',
        'guides/server',
        'guides/cluster',
      ],
    },
    'protocol',
    'migrating',
    'decisions',
    'benchmarks',
    'playground',
    {
      type: 'category',
      label: 'API reference',
      link: { type: 'doc', id: 'api/index' },
      items: apiItems,
    },
  ],
}

export default sidebars
