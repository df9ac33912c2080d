/** Entry point of the web console (built by Vite into web/dist, served at / by src/http/web-routes.ts). */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { strings } from "./strings.ts";
import "./styles.css";

document.documentElement.lang = strings.lang;
const root = document.getElementById("root");
if (root === null) throw new Error("index.html lacks #root");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
