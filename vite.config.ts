import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API runs on :3000 in `npm run dev` (scripts/dev.mjs); GONGZHI_API overrides the target.
const apiTarget = process.env.GONGZHI_API ?? 'http://localhost:3000';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/open311': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Stable vendor chunks: an app release does not invalidate the cached libraries.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/, priority: 30 },
            // echarts-for-react stays with the page that imports it: grouped with echarts, its
            // default export reached React as a module object (React error #130).
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 20 },
            // antd's runtime (styles engine, rc components, icons, dayjs) is shared by every page;
            // antd's own components are left to the bundler so a page's rarer components load with it.
            { name: 'antd', test: /node_modules[\\/](@ant-design|@rc-component|rc-[^\\/]+|dayjs|@babel[\\/]runtime|@emotion|stylis|classnames|clsx)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
