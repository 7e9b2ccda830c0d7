import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The standalone app. `base: './'` lets the built page run from any folder of a static host.
export default defineConfig({
  plugins: [react()],
  base: './',
  build: { outDir: 'dist/app', sourcemap: true, emptyOutDir: true },
})
