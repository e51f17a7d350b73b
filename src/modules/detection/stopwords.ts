/**
 * Words that say nothing about what people are talking about. Spikes of these are noise,
 * so they never become terms. English first (the common case), plus chat shorthand and the
 * most frequent function words of a few other Latin-script languages.
 */
const WORDS = `
a about above after again against all almost also am an and any are aren arent as at be because been
before being below between both but by can cannot cant could couldn couldnt did didn didnt do does
doesn doesnt doing don dont down during each else even ever every few for from further get gets getting
got gotta had hadn hadnt has hasn hasnt have haven havent having he hed hell her here hers herself hes
him himself his how i id if ill im in into is isn isnt it its itself ive just let lets like ll made make
many may me might more most much must mustn my myself need no nor not now of off oh ok okay on once one
only or other ought our ours ourselves out over own per put re really s said same say says see seem
shall shan she shed shell shes should shouldn shouldnt so some such t take than that thats the their
theirs them themselves then there theres these they theyd theyll theyre theyve thing things this those
though through thru to too u under until up upon ur us use used very via want was wasn wasnt way we
wed well were weren werent weve what whats when where which while who whom whos why will with won
wont would wouldn wouldnt y yall yes yet you youd youll your youre yours yourself yourselves youve
amp rt via http https www com co lol lmao omg haha hahaha ya yea yeah yep nah na gonna wanna gon
tho bc cuz thx pls plz idk imo tbh btw dm im ive ur da dat dis dem lil tryna aint ain
still back go going goes gone know think time today day tonight tomorrow new good great first last
two three right wait look looks looking come comes coming
de la le les des et en un une du el los las y que por para con es al lo se del una los su sus
der die das und ist nicht ein eine zu mit den auf
e o os as um uma não com para em
`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
