/** @jsxImportSource hono/jsx */
/** Error pages in Chinese: 400, 404 and 500. The message is plain text, escaped like any other. */
import { Layout } from "./layout.tsx";

const TITLES: Record<number, string> = {
  400: "请求有误",
  403: "没有权限",
  404: "未找到",
  413: "内容过大",
  429: "请求过于频繁",
  500: "服务器内部错误",
};

/** The page for an HTTP error status. */
export function ErrorPage(props: { status: number; message: string }) {
  const title = TITLES[props.status] ?? "出错了";
  return (
    <Layout title={title}>
      <section class="error">
        <h1>
          {props.status} {title}
        </h1>
        <p>{props.message}</p>
        <p>
          <a href="/">返回首页</a>
        </p>
      </section>
    </Layout>
  );
}
