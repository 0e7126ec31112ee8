/**
 * The page shown when the renderer keeps crashing (crash-loop.ts gave up). It is static, has no
 * script, depends on nothing in out/renderer (which may be what is broken), and is served by the
 * same `app://` protocol so the same CSP applies: its style is a separate file, not inline.
 */
import type { BuiltinAsset } from './app-protocol';

export const CRASH_PAGE_PATH = '/__desk/crash.html';
const CRASH_STYLE_PATH = '/__desk/crash.css';

const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>BalanceDesk</title>
<link rel="stylesheet" href="${CRASH_STYLE_PATH}">
</head>
<body>
<main>
<h1>请联系店长</h1>
<p>余额查询屏幕多次出错，已停止自动重启。请联系店长或 IT 人员；重新启动本程序（或收银机）可再试一次。</p>
<h2 lang="en">Please call the manager</h2>
<p lang="en">The balance screen failed several times in a row and has stopped restarting itself. Please call the manager or IT; restarting the app (or the terminal) tries again.</p>
</main>
</body>
</html>
`;

const css = `html,body{margin:0;height:100%;background:#1f1f1f;color:#fff;font-family:system-ui,"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif}
main{box-sizing:border-box;max-width:56rem;margin:0 auto;padding:12vh 2rem}
h1{font-size:4rem;margin:0 0 1.5rem}
h2{font-size:2.5rem;margin:3rem 0 1rem}
p{font-size:1.6rem;line-height:1.6;margin:0}
`;

export const FALLBACK_ASSETS: ReadonlyMap<string, BuiltinAsset> = new Map([
  [CRASH_PAGE_PATH, { body: html, contentType: 'text/html; charset=utf-8' }],
  [CRASH_STYLE_PATH, { body: css, contentType: 'text/css; charset=utf-8' }],
]);
