import { mount } from "svelte";
import App from "./App.svelte";
import { applyTheme, rememberedTheme } from "./lib/theme";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/layout.css";

applyTheme(rememberedTheme());
mount(App, { target: document.getElementById("app")! });
